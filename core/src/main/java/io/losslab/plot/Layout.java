package io.losslab.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The layout of a Plotly figure — title, axes, legend, annotations, sliders — as an immutable set
 * of Plotly attributes, changed by {@link #with} into a new layout.
 *
 * <pre>{@code
 * Layout l = Layout.titled("Recall by class size")
 *         .withAxisTitles("training examples", "recall")
 *         .with("xaxis.type", "log");
 * }</pre>
 */
public final class Layout {

    private final ObjectNode json;

    private Layout(ObjectNode json) {
        this.json = json;
    }

    /** A layout with a title. */
    public static Layout titled(String title) {
        return new Layout(Json.object()).with("title.text", title);
    }

    /** This layout with one attribute set, e.g. {@code with("yaxis.range", new double[] {0, 1})}. */
    public Layout with(String path, Object value) {
        ObjectNode copy = json.deepCopy();
        Json.put(copy, path, value);
        return new Layout(copy);
    }

    /**
     * This layout with {@code element} added at the end of the array at {@code path}, such as
     * {@code "annotations"}, {@code "shapes"} or {@code "sliders"}.
     */
    public Layout withAppended(String path, Object element) {
        ObjectNode copy = json.deepCopy();
        Json.append(copy, path, element);
        return new Layout(copy);
    }

    /** This layout with titles on the x and y axes. */
    public Layout withAxisTitles(String x, String y) {
        return with("xaxis.title.text", x).with("yaxis.title.text", y);
    }

    /** The title, or an empty string if there is none. */
    public String title() {
        return json.path("title").path("text").asText("");
    }

    /** A copy of the attributes: the layout itself never changes. */
    ObjectNode json() {
        return json.deepCopy();
    }

    /** The layout as Plotly JSON. */
    @Override
    public String toString() {
        return Json.write(json);
    }
}
