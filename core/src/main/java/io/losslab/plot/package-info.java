/**
 * Plotly figures for LossLab: class distributions, loss shapes and teaching sliders, comparison
 * results, training curves, decision regions, diffusion frames and image grids.
 *
 * <p>{@link io.losslab.plot.Plots} makes each figure in one call; a
 * {@link io.losslab.plot.Figure} renders as strict Plotly JSON, as a notebook MIME bundle, and as
 * a standalone page that draws with no network.
 *
 * <pre>{@code
 * Figure f = Plots.lossSlider("focal");
 * display(f.mimeBundle());
 * f.save(Path.of("focal.html"));
 * }</pre>
 *
 * <p>For kernels: a figure's HTML finds plotly.js on the page or loads the copy the Jupyter server
 * serves ({@link io.losslab.plot.PlotlyJs}); a kernel sends the
 * {@value io.losslab.plot.Figure#PLOTLY_MIME_TYPE} entry of a bundle as a JSON object. Figures
 * that change while code runs go through {@link io.losslab.plot.LiveFigure}, whose callback is
 * the kernel's display update.
 */
package io.losslab.plot;
