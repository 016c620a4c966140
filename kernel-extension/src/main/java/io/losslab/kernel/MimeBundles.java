package io.losslab.kernel;

import com.google.gson.Gson;
import io.losslab.data.ClassStats;
import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.SweepTable;
import io.losslab.magics.RichText;
import io.losslab.magics.Tables;
import io.losslab.plot.Figure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How LossLab's result types are shown, as MIME bundles any kernel's renderer can pass on: each
 * type with the MIME types a front end should prefer, and each value's data by MIME type.
 */
final class MimeBundles {

    static final String TEXT = "text/plain";
    static final String HTML = "text/html";

    /** LossLab's result types and the MIME types to prefer for each; every one also has text. */
    static final Map<Class<?>, List<String>> PREFERRED = Map.of(
            RichText.class, List.of(HTML),
            Figure.class, List.of(HTML, Figure.PLOTLY_MIME_TYPE),
            ComparisonTable.class, List.of(HTML),
            SweepTable.class, List.of(HTML),
            ClassStats.class, List.of(HTML));

    private static final Gson GSON = new Gson();

    private MimeBundles() {
    }

    /**
     * The value's data by MIME type. A figure's Plotly JSON becomes maps and lists, which every
     * kernel serialises as a JSON object, as front ends with a Plotly renderer expect.
     *
     * @throws IllegalArgumentException for a type not in {@link #PREFERRED}
     */
    static Map<String, Object> of(Object value) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        if (value instanceof Figure figure) {
            figure.mimeBundle().forEach((mime, data) ->
                    bundle.put(mime, mime.equals(Figure.PLOTLY_MIME_TYPE) ? GSON.fromJson(data, Map.class) : data));
            return bundle;
        }
        RichText rich = asRichText(value);
        bundle.put(TEXT, rich.text());
        bundle.put(HTML, rich.html());
        return bundle;
    }

    private static RichText asRichText(Object value) {
        if (value instanceof RichText text) {
            return text;
        }
        if (value instanceof ComparisonTable table) {
            return new RichText(table.toString(), table.toHtml());
        }
        if (value instanceof SweepTable table) {
            return new RichText(table.toString(), table.toHtml());
        }
        if (value instanceof ClassStats stats) {
            return Tables.classStats(stats);
        }
        throw new IllegalArgumentException(value.getClass().getName() + " is not a LossLab result type");
    }
}
