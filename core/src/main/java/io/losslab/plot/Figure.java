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

    private final List<Trace> traces;
    private final Layout layout;
    private final List<Frame> frames;

    private Figure(List<Trace> traces, Layout layout, List<Frame> frames) {
        this.traces = List.copyOf(traces);
        this.layout = layout;
        this.frames = List.copyOf(frames);
    }

    /** A figure of these traces, drawn in order, under a layout. */
    public static Figure of(Layout layout, List<Trace> traces) {
        return new Figure(traces, layout, List.of());
    }

    /** A figure of these traces, drawn in order, under a layout. */
    public static Figure of(Layout layout, Trace... traces) {
        return of(layout, List.of(traces));
    }

    /** This figure with animation frames, which sliders and buttons with method "animate" show. */
    public Figure withFrames(List<Frame> newFrames) {
        return new Figure(traces, layout, newFrames);
    }

    /** This figure under another layout. */
    public Figure withLayout(Layout newLayout) {
        return new Figure(traces, newLayout, frames);
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
     * The figure as an HTML fragment for a notebook page: the first figure of a session carries
     * plotly.js, later ones rely on it (see {@link PlotlyJs}). Calling this counts as showing.
     */
    public String toHtml() {
        String fragment = fragment();
        return PlotlyJs.claimInclusion() ? PlotlyJs.scriptElement() + "\n" + fragment : fragment;
    }

    /**
     * What a kernel displays: {@code text/plain}, {@code text/html} (as {@link #toHtml()}) and
     * {@value #PLOTLY_MIME_TYPE} (as {@link #toJson()}). The Plotly value is JSON text: a kernel
     * sends it in the display message as a JSON object, not as a string.
     */
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", toString());
        bundle.put("text/html", toHtml());
        bundle.put(PLOTLY_MIME_TYPE, toJson());
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
     * The figure's own div and script. The script waits for {@code window.Plotly} instead of
     * assuming it, because a page may run outputs before the one that carries the library has
     * loaded; if it never comes, the div says why rather than staying blank.
     */
    private String fragment() {
        String id = "losslab-" + UUID.randomUUID();
        int height = layout.json().path("height").asInt(DEFAULT_HEIGHT);
        return "<div id=\"" + id + "\" class=\"losslab-figure\" style=\"width:100%;height:" + height + "px\"></div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var figure = " + Json.writeForScript(json()) + ";\n"
                + "  figure.config = {responsive: true, displaylogo: false};\n"
                + "  var waited = 0;\n"
                + "  function draw() {\n"
                + "    var div = document.getElementById(\"" + id + "\");\n"
                + "    if (window.Plotly) {\n"
                + "      window.Plotly.newPlot(div, figure);\n"
                + "    } else if (waited < 10000) {\n"
                + "      waited += 50;\n"
                + "      setTimeout(draw, 50);\n"
                + "    } else {\n"
                + "      div.textContent = \"This figure needs plotly.js, which the first LossLab figure of the page"
                + " carries, and that output is gone: call io.losslab.plot.PlotlyJs.resetSession() and show the"
                + " figure again.\";\n"
                + "    }\n"
                + "  }\n"
                + "  draw();\n"
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
