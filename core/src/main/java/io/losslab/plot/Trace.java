package io.losslab.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Plotly trace — a line, a set of bars, a heatmap — as an immutable set of Plotly
 * attributes. {@link #with} returns a new trace; attribute names and values are Plotly's own
 * (see the plotly.js reference), nested ones written as dotted paths.
 *
 * <pre>{@code
 * Trace t = Trace.lines(epochs, loss).named("training loss").with("line.dash", "dot");
 * Figure f = Figure.of(Layout.titled("Loss").withAxisTitles("epoch", "loss"), t);
 * }</pre>
 */
public final class Trace {

    private final ObjectNode json;

    private Trace(ObjectNode json) {
        this.json = json;
    }

    /** An empty trace of a Plotly type such as {@code "scatter"}, {@code "bar"}, {@code "heatmap"}. */
    public static Trace of(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must name a Plotly trace type, but is "
                    + (type == null ? "null" : "blank"));
        }
        ObjectNode json = Json.object();
        json.put("type", type);
        return new Trace(json);
    }

    /** A line through the points {@code (x[i], y[i])}; NaN leaves a gap. */
    public static Trace lines(double[] x, double[] y) {
        return xy("lines", x, y);
    }

    /** Markers at the points {@code (x[i], y[i])}. */
    public static Trace markers(double[] x, double[] y) {
        return xy("markers", x, y);
    }

    /** Bars of heights {@code y} over the categories {@code x}. */
    public static Trace bars(List<String> x, double[] y) {
        if (x.size() != y.length) {
            throw new IllegalArgumentException("bars need one height per category, but x has " + x.size()
                    + " categories and y has " + y.length + " heights");
        }
        return of("bar").with("x", x).with("y", y);
    }

    /** A heatmap of {@code z[row][column]}, row 0 at the bottom unless the y axis is reversed. */
    public static Trace heatmap(double[][] z) {
        return of("heatmap").with("z", z);
    }

    private static Trace xy(String mode, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        return of("scatter").with("mode", mode).with("x", x).with("y", y);
    }

    /** This trace with a legend name. */
    public Trace named(String name) {
        return with("name", name);
    }

    /**
     * This trace with one attribute set, e.g. {@code with("marker.color", "#1f77b4")}; the value
     * may be a string, number, boolean, primitive array, list or map.
     *
     * @throws IllegalArgumentException if the path goes through an attribute that is not an
     *     object, or the value has a type JSON cannot hold
     */
    public Trace with(String path, Object value) {
        ObjectNode copy = json.deepCopy();
        Json.put(copy, path, value);
        return new Trace(copy);
    }

    /** The Plotly trace type. */
    public String type() {
        return json.path("type").asText();
    }

    /** The legend name, or an empty string if there is none. */
    public String name() {
        return json.path("name").asText("");
    }

    /** A copy of the attributes: the trace itself never changes. */
    ObjectNode json() {
        return json.deepCopy();
    }

    /** The trace as Plotly JSON. */
    @Override
    public String toString() {
        return Json.write(json);
    }
}
