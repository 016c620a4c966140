package io.losslab.plot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable Plotly figure: traces, a layout and, for animations, frames. It renders as
 * strict Plotly JSON, as a MIME bundle a notebook kernel displays, and as a standalone HTML page.
 *
 * <pre>{@code
 * Figure f = Plots.lossShapes("ce", "focal(gamma=2)");
 * display(f.mimeBundle());            // inline; draws with no network
 * f.save(Path.of("loss-shapes.html")); // a page that opens anywhere, offline
 * }</pre>
 *
 * <p>The figures of {@link Plots} are built from these same pieces, and any figure can be
 * changed or made from scratch with {@link Trace} and {@link Layout}.
 */
public final class Figure {

    /** The MIME type of Plotly's JSON, which JupyterLab's Plotly renderer draws. */
    public static final String PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

    private static final int DEFAULT_HEIGHT = 450;
    private static final String NOT_RUN = "This figure is drawn by a script that this page did not run: trust the"
            + " notebook, or install plotly's renderer for JupyterLab (pip install plotly).";
    private static final String NO_LIBRARY = "This figure needs plotly.js, which this page has not got: open the"
            + " notebook in the JupyterLab that ./losslab notebook starts, or install plotly's renderer for JupyterLab"
            + " (pip install plotly).";

    private final List<Trace> traces;
    private final Layout layout;
    private final List<Frame> frames;
    private final boolean inProgress;

    private Figure(List<Trace> traces, Layout layout, List<Frame> frames, boolean inProgress) {
        this.traces = List.copyOf(traces);
        this.layout = layout;
        this.frames = List.copyOf(frames);
        this.inProgress = inProgress;
    }

    /** A figure of these traces, drawn in order, under a layout. */
    public static Figure of(Layout layout, List<Trace> traces) {
        return new Figure(traces, layout, List.of(), false);
    }

    /** A figure of these traces, drawn in order, under a layout. */
    public static Figure of(Layout layout, Trace... traces) {
        return of(layout, List.of(traces));
    }

    /** This figure with animation frames, which sliders and buttons with method "animate" show. */
    public Figure withFrames(List<Frame> newFrames) {
        return new Figure(traces, layout, newFrames, inProgress);
    }

    /** This figure under another layout. */
    public Figure withLayout(Layout newLayout) {
        return new Figure(traces, newLayout, frames, inProgress);
    }

    /**
     * This figure as one state of a figure that is still changing, such as training curves while
     * training runs. Its MIME bundle leaves out the Plotly JSON, so that every front end draws it
     * from its HTML, which redraws on each update; a Plotly renderer (JupyterLab's) draws a figure
     * once and ignores updates. Show the final state as a plain figure.
     */
    public Figure inProgress() {
        return new Figure(traces, layout, frames, true);
    }

    /** This figure with another title. */
    public Figure withTitle(String title) {
        return withLayout(layout.with("title.text", title));
    }

    /** The traces, in drawing order. */
    public List<Trace> traces() {
        return traces;
    }

    /** The layout. */
    public Layout layout() {
        return layout;
    }

    /** The animation frames; empty for a still figure. */
    public List<Frame> frames() {
        return frames;
    }

    /** The title. */
    public String title() {
        return layout.title();
    }

    /** The figure as strict JSON {@code {"data": [...], "layout": {...}, "frames": [...]}}. */
    public String toJson() {
        return Json.write(json());
    }

    private ObjectNode json() {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        traces.forEach(t -> data.add(t.json()));
        root.set("layout", layout.json());
        ArrayNode frameArray = root.putArray("frames");
        for (Frame frame : frames) {
            ObjectNode f = frameArray.addObject();
            f.put("name", frame.name());
            ArrayNode frameData = f.putArray("data");
            frame.data().forEach(t -> frameData.add(t.json()));
        }
        return root;
    }

    /**
     * The figure as an HTML fragment for a notebook page: a div and the script that draws into it
     * with the page's plotly.js, loading the copy the Jupyter server serves if the page has none.
     */
    public String toHtml() {
        return fragment();
    }

    /**
     * What a kernel displays: {@code text/plain}, {@code text/html} (as {@link #toHtml()}) and,
     * unless the figure is {@linkplain #inProgress() in progress}, {@value #PLOTLY_MIME_TYPE} (as
     * {@link #toJson()}). The Plotly value is JSON text: a kernel sends it in the display message
     * as a JSON object, not as a string.
     */
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", toString());
        bundle.put("text/html", toHtml());
        if (!inProgress) {
            bundle.put(PLOTLY_MIME_TYPE, toJson());
        }
        return Collections.unmodifiableMap(bundle);
    }

    /** A complete HTML page of this figure that carries plotly.js and needs nothing else. */
    public String toStandaloneHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + Labels.escapeHtml(title().isEmpty() ? "LossLab figure" : title()) + "</title>\n"
                + PlotlyJs.scriptElement() + "\n</head>\n<body>\n" + fragment() + "\n</body>\n</html>\n";
    }

    /**
     * Writes {@link #toStandaloneHtml()} to {@code path} (UTF-8), replacing any file there.
     *
     * @return the absolute path written
     */
    public Path save(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Files.writeString(target, toStandaloneHtml(), StandardCharsets.UTF_8);
        return target;
    }

    /**
     * The figure's own div and script. The div holds a sentence that the drawing replaces, so a
     * front end that does not run the script (an untrusted notebook) says what to do instead of
     * showing an empty box. The script finds plotly.js on the page, or loads the copy the Jupyter
     * server serves at {@link PlotlyJs#SERVED_PATH} (through RequireJS where the page has it, as
     * the classic Notebook does); if neither works, the div says why.
     */
    private String fragment() {
        String id = "losslab-" + UUID.randomUUID();
        int height = layout.json().path("height").asInt(DEFAULT_HEIGHT);
        return "<div id=\"" + id + "\" class=\"losslab-figure\" style=\"width:100%;height:" + height + "px\">"
                + NOT_RUN + "</div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var figure = " + Json.writeForScript(json()) + ";\n"
                + "  figure.config = {responsive: true, displaylogo: false};\n"
                + "  var div = document.getElementById(\"" + id + "\");\n"
                + "  function baseUrl() {\n"
                + "    var config = document.getElementById(\"jupyter-config-data\");\n"
                + "    if (config) { try { return JSON.parse(config.textContent).baseUrl || \"/\"; } catch (e) { return null; } }\n"
                + "    return document.body && document.body.getAttribute(\"data-base-url\");\n"
                + "  }\n"
                + "  function load() {\n"
                + "    if (window.Plotly) { return Promise.resolve(window.Plotly); }\n"
                + "    if (!window.losslabPlotly) {\n"
                + "      window.losslabPlotly = new Promise(function (resolve, reject) {\n"
                + "        var base = baseUrl();\n"
                + "        if (base === null) { reject(); return; }\n"
                + "        var url = base + \"" + PlotlyJs.SERVED_PATH + "\";\n"
                + "        if (typeof window.define === \"function\" && window.define.amd && window.require) {\n"
                + "          window.require([url.replace(/\\.js$/, \"\")], resolve, reject);\n"
                + "          return;\n"
                + "        }\n"
                + "        var script = document.createElement(\"script\");\n"
                + "        script.src = url;\n"
                + "        script.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(); };\n"
                + "        script.onerror = reject;\n"
                + "        document.head.appendChild(script);\n"
                + "      }).catch(function () { window.losslabPlotly = null; throw new Error(\"no plotly.js\"); });\n"
                + "    }\n"
                + "    return window.losslabPlotly;\n"
                + "  }\n"
                + "  load().then(function (plotly) {\n"
                + "    div.textContent = \"\";\n"
                + "    return plotly.newPlot(div, figure);\n"
                + "  }, function () {\n"
                + "    div.textContent = \"" + NO_LIBRARY + "\";\n"
                + "  });\n"
                + "})();\n"
                + "</script>";
    }

    /** A one-line description, the plain-text form of the figure. */
    @Override
    public String toString() {
        String name = title().isEmpty() ? "Figure" : "Figure \"" + title() + "\"";
        return name + " (" + traces.size() + (traces.size() == 1 ? " trace" : " traces")
                + (frames.isEmpty() ? "" : ", " + frames.size() + " frames") + ")";
    }
}
