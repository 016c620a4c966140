package io.losslab.plot;

import io.losslab.eval.ConfidenceInterval;
import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepMetric;
import io.losslab.experiment.SweepRow;
import io.losslab.experiment.SweepTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The figures of a sweep: the comparison's figures with the 95% intervals over seeds drawn in. */
final class SweepFigures {

    private static final List<SweepMetric> SHOT_BARS = List.of(SweepMetric.BALANCED_ACCURACY, SweepMetric.MANY_SHOT,
            SweepMetric.MEDIUM_SHOT, SweepMetric.FEW_SHOT);
    private static final double BAND_OPACITY = 0.2;

    private SweepFigures() {
    }

    static Figure shotAccuracy(SweepTable table, double rho) {
        List<String> groups = List.of("balanced", "many-shot", "medium-shot", "few-shot");
        List<Trace> traces = new ArrayList<>();
        int series = 0;
        for (String contender : table.contenders()) {
            SweepRow row = table.row(contender, rho);
            double[] means = SHOT_BARS.stream().mapToDouble(m -> row.interval(m).mean()).toArray();
            double[] halfWidths = SHOT_BARS.stream().mapToDouble(m -> orZero(row.interval(m).halfWidth())).toArray();
            List<String> labels = SHOT_BARS.stream().map(m -> row.interval(m).toString()).toList();
            traces.add(Trace.bars(groups, means).named(contender)
                    .with("marker.color", Palette.color(series))
                    .with("error_y.type", "data").with("error_y.array", halfWidths).with("error_y.visible", true)
                    .with("customdata", labels)
                    .with("hovertemplate", "%{x}: %{customdata}<extra>" + contender + " (" + row.runs() + " runs)</extra>"));
            series++;
        }
        Layout layout = Layout.titled("Balanced and many/medium/few-shot accuracy, mean and 95% interval over "
                        + table.seeds().size() + " seeds" + atRho(rho))
                .withAxisTitles("", "accuracy")
                .with("height", 450)
                .with("barmode", "group")
                .with("yaxis.range", new double[] {0, 1.05});
        return Figure.of(layout, traces);
    }

    static Figure recallByClassSize(SweepTable table, double rho) {
        Map<String, ConfidenceInterval[]> byContender = table.recallIntervals(rho);
        if (byContender.isEmpty()) {
            throw new IllegalArgumentException("no run at ρ = " + rho + " finished, so there is no recall to draw");
        }
        ClassSizeAxis axis = ClassSizeAxis.of(table.trainingCounts(rho), table.classNames());
        double[] x = axis.x();
        List<Trace> traces = new ArrayList<>();
        int series = 0;
        for (Map.Entry<String, ConfidenceInterval[]> entry : byContender.entrySet()) {
            ConfidenceInterval[] recall = entry.getValue();
            double[] mean = axis.inOrder(k -> recall[k].mean());
            double[] lower = axis.inOrder(k -> clamp(recall[k].mean() - orZero(recall[k].halfWidth())));
            double[] upper = axis.inOrder(k -> clamp(recall[k].mean() + orZero(recall[k].halfWidth())));
            String group = "recall " + series;
            traces.add(Trace.lines(x, lower).named(entry.getKey() + " lower").with("legendgroup", group)
                    .with("showlegend", false).with("line.width", 0).with("hoverinfo", "skip"));
            traces.add(Trace.lines(x, upper).named(entry.getKey() + " 95% band").with("legendgroup", group)
                    .with("showlegend", false).with("line.width", 0).with("fill", "tonexty")
                    .with("fillcolor", Palette.color(series, BAND_OPACITY)).with("hoverinfo", "skip"));
            traces.add(Trace.of("scatter").with("mode", "lines+markers").with("x", x).with("y", mean)
                    .named(entry.getKey()).with("legendgroup", group).with("text", axis.names())
                    .with("customdata", Arrays.stream(axis.order()).mapToObj(k -> recall[k].toString()).toList())
                    .with("line.color", Palette.color(series)).with("marker.color", Palette.color(series))
                    .with("hovertemplate", "%{text}: %{x:,} examples, recall %{customdata}<extra>" + entry.getKey() + "</extra>"));
            series++;
        }
        Layout layout = ClassSizeAxis.layout("Per-class recall against class size, mean and 95% band over "
                + table.seeds().size() + " seeds" + atRho(rho), "recall");
        return Figure.of(layout, traces);
    }

    private static String atRho(double rho) {
        return rho == SweepCell.AS_GIVEN ? "" : " — ρ = " + Labels.number(rho);
    }

    /** No interval (one seed) draws as none. */
    private static double orZero(double halfWidth) {
        return Double.isNaN(halfWidth) ? 0 : halfWidth;
    }

    /** A band stays within [0, 1], where recall lives, even when the t interval reaches past it. */
    private static double clamp(double value) {
        return Double.isNaN(value) ? value : Math.max(0, Math.min(1, value));
    }
}
