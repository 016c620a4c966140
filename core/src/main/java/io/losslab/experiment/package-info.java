/**
 * Experiments over losses: {@link io.losslab.experiment.Comparison} trains one
 * {@link io.losslab.experiment.Contender} per row on one split and returns a
 * {@link io.losslab.experiment.ComparisonTable} of their metrics, as text, as HTML, and as arrays
 * for the plots. It comes after training and evaluation in LossLab's data flow: it uses both.
 *
 * <pre>{@code
 * ComparisonTable t = Comparison.of(mlp, "ce", "focal(gamma=2)", "logit-adjusted(tau=1)").run(splits);
 * display(t.toHtml());
 * }</pre>
 */
package io.losslab.experiment;
