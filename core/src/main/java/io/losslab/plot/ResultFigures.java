package io.losslab.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The figures of a comparison run: recall by class size, shot-group accuracy, confusion matrix, calibration. */
final class ResultFigures {

    /** Above this many classes, cell labels in a confusion matrix would be unreadable; hover still shows them. */
    private static final int MAX_LABELLED_CELLS = 20;

    private ResultFigures() {
    }

    static Figure recallByClassSize(ClassCounts counts, Map<String, double[]> byLoss) {
        return metricByClassSize(counts, "recall", byLoss);
    }

    static Figure metricByClassSize(ClassCounts counts, String metric, Map<String, double[]> byLoss) {
        if (byLoss.isEmpty()) {
            throw new IllegalArgumentException("byLoss must hold at least one loss, but is empty");
        }
        long[] n = counts.counts();
        ClassSizeAxis axis = ClassSizeAxis.of(n, counts.classNames());
        List<Trace> traces = new ArrayList<>();
        int series = 0;
        for (Map.Entry<String, double[]> entry : byLoss.entrySet()) {
            double[] values = entry.getValue();
            if (values.length != n.length) {
                throw new IllegalArgumentException(metric + " of '" + entry.getKey() + "' has " + values.length
                        + " values for " + n.length + " classes");
            }
            checkUnit(metric + " of '" + entry.getKey() + "'", values);
            traces.add(Trace.of("scatter").with("mode", "lines+markers")
                    .with("x", axis.x()).with("y", axis.inOrder(k -> values[k]))
                    .with("text", axis.names()).named(entry.getKey())
                    .with("line.color", Palette.color(series)).with("marker.color", Palette.color(series))
                    .with("hovertemplate", "%{text}: %{x:,} examples, " + metric + " %{y:.3f}<extra>" + entry.getKey() + "</extra>"));
            series++;
        }
        Layout layout = ClassSizeAxis.layout("Per-class " + metric + " against class size"
                + (counts.label().isEmpty() ? "" : " — " + counts.label()), metric);
        return Figure.of(layout, traces);
    }

    static Figure shotAccuracy(Map<String, ShotAccuracy> byLoss) {
        if (byLoss.isEmpty()) {
            throw new IllegalArgumentException("byLoss must hold at least one loss, but is empty");
        }
        List<String> groups = List.of("balanced", "many-shot", "medium-shot", "few-shot");
        List<Trace> traces = new ArrayList<>();
        int series = 0;
        for (Map.Entry<String, ShotAccuracy> entry : byLoss.entrySet()) {
            double[] values = entry.getValue().values();
            traces.add(Trace.bars(groups, values).named(entry.getKey())
                    .with("marker.color", Palette.color(series))
                    .with("text", Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? "" : Labels.decimal(v, 3)).toList())
                    .with("textposition", "outside")
                    .with("hovertemplate", "%{x}: %{y:.3f}<extra>" + entry.getKey() + "</extra>"));
            series++;
        }
        Layout layout = Layout.titled("Balanced and many/medium/few-shot accuracy per loss")
                .withAxisTitles("", "accuracy")
                .with("height", 450)
                .with("barmode", "group")
                .with("yaxis.range", new double[] {0, 1.1});
        return Figure.of(layout, traces);
    }

    static Figure confusionMatrix(List<String> classNames, long[][] counts) {
        int k = classNames.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows for " + k + " classes");
        }
        double[][] share = new double[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("counts[" + i + "] has " + counts[i].length + " columns for " + k + " classes");
            }
            long rowTotal = Arrays.stream(counts[i]).sum();
            // Rows as shares of the true class: colours stay comparable between a head and a tail class.
            share[i] = Arrays.stream(counts[i]).mapToDouble(c -> rowTotal == 0 ? Double.NaN : c / (double) rowTotal).toArray();
        }
        Trace heatmap = Trace.heatmap(share).with("x", classNames).with("y", classNames)
                .with("text", counts).with("zmin", 0).with("zmax", 1)
                .with("colorscale", List.of(List.of(0, "#f7fbff"), List.of(0.5, "#6baed6"), List.of(1, "#08306b")))
                .with("colorbar.title.text", "share of the true class")
                .with("hovertemplate", "true %{y}, predicted %{x}<br>%{text} examples (%{z:.1%} of the class)<extra></extra>");
        if (k <= MAX_LABELLED_CELLS) {
            heatmap = heatmap.with("texttemplate", "%{text}");
        }
        Layout layout = Layout.titled("Confusion matrix (colour: share of each true class)")
                .withAxisTitles("predicted class", "true class")
                .with("height", Math.min(800, 300 + 25 * k))
                .with("xaxis.type", "category")
                .with("yaxis.type", "category")
                .with("yaxis.autorange", "reversed")
                .with("yaxis.scaleanchor", "x");
        return Figure.of(layout, heatmap);
    }

    static Figure reliabilityDiagram(String label, double[] confidence, double[] accuracy, long[] count) {
        if (confidence.length != accuracy.length || confidence.length != count.length) {
            throw new IllegalArgumentException("confidence, accuracy and count need one value per bin, but have "
                    + confidence.length + ", " + accuracy.length + " and " + count.length);
        }
        checkUnit("confidence", confidence);
        checkUnit("accuracy", accuracy);
        int[] used = IntStream.range(0, count.length).filter(b -> count[b] > 0).toArray();
        long total = Arrays.stream(count).sum();
        if (total == 0) {
            throw new IllegalArgumentException("count must have at least one example in some bin, but is all zero");
        }
        double ece = 0;
        for (int b : used) {
            ece += count[b] * Math.abs(accuracy[b] - confidence[b]) / total;
        }
        double[] x = Arrays.stream(used).mapToDouble(b -> confidence[b]).toArray();
        String name = label == null || label.isEmpty() ? "model" : label;
        Trace curve = Trace.of("scatter").with("mode", "lines+markers").named(name)
                .with("x", x).with("y", Arrays.stream(used).mapToDouble(b -> accuracy[b]).toArray())
                .with("customdata", Arrays.stream(used).mapToLong(b -> count[b]).toArray())
                .with("line.color", Palette.color(0)).with("marker.color", Palette.color(0))
                .with("hovertemplate", "confidence %{x:.3f}<br>accuracy %{y:.3f}<br>%{customdata:,} examples<extra></extra>");
        Trace diagonal = Trace.lines(new double[] {0, 1}, new double[] {0, 1}).named("perfect calibration")
                .with("line.color", Palette.REFERENCE).with("line.dash", "dash").with("hoverinfo", "skip");
        Trace examples = Trace.of("bar").named("examples per bin")
                .with("x", x).with("y", Arrays.stream(used).mapToLong(b -> count[b]).toArray())
                .with("xaxis", "x2").with("yaxis", "y2").with("marker.color", Palette.color(0, 0.5))
                .with("hovertemplate", "confidence %{x:.3f}: %{y:,} examples<extra></extra>");
        Layout layout = Layout.titled("Reliability diagram" + (name.equals("model") ? "" : " — " + name)
                        + ": ECE = " + Labels.decimal(ece, 4))
                .with("height", 520)
                .with("xaxis.range", new double[] {0, 1})
                .with("xaxis.anchor", "y")
                .with("xaxis.showticklabels", false)
                .with("yaxis.domain", new double[] {0.3, 1})
                .with("yaxis.range", new double[] {0, 1})
                .with("yaxis.title.text", "accuracy")
                .with("xaxis2.range", new double[] {0, 1})
                .with("xaxis2.anchor", "y2")
                .with("xaxis2.matches", "x")
                .with("xaxis2.title.text", "confidence")
                .with("yaxis2.domain", new double[] {0, 0.22})
                .with("yaxis2.anchor", "x2")
                .with("yaxis2.title.text", "examples");
        return Figure.of(layout, curve, diagonal, examples);
    }

    private static void checkUnit(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && !(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " is outside [0, 1]");
            }
        }
    }
}
