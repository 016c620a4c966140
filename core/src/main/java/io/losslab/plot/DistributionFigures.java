package io.losslab.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** The class-distribution figures: sorted bars coloured by shot group, ρ and the group boundaries marked. */
final class DistributionFigures {

    /** The shot groups of the long-tailed benchmarks (Liu et al. 2019): many > 100, few < 20. */
    static final long DEFAULT_MANY_ABOVE = 100;
    static final long DEFAULT_FEW_BELOW = 20;

    private enum Group {
        MANY("many-shot", 0), MEDIUM("medium-shot", 1), FEW("few-shot", 3);

        final String label;
        final int color;

        Group(String label, int color) {
            this.label = label;
            this.color = color;
        }
    }

    private DistributionFigures() {
    }

    static Figure single(ClassCounts counts, Scale scale, long manyAbove, long fewBelow) {
        checkThresholds(manyAbove, fewBelow);
        Panel panel = panel(counts, "", header(counts), manyAbove, fewBelow, new boolean[Group.values().length]);
        Layout layout = Layout.titled("Class distribution" + (counts.label().isEmpty() ? "" : " of " + counts.label()))
                .with("barmode", "overlay")
                .with("height", 450)
                .withAxisTitles("class, largest first", "examples")
                .with("shapes", panel.shapes)
                .with("annotations", panel.annotations);
        layout = countAxis(layout, "yaxis", scale, counts.counts());
        return Figure.of(withCategoryAxis(layout, "xaxis", panel.order), panel.traces);
    }

    static Figure sideBySide(ClassCounts left, ClassCounts right, Scale scale, long manyAbove, long fewBelow) {
        checkThresholds(manyAbove, fewBelow);
        boolean[] inLegend = new boolean[Group.values().length];
        // Two lines per header: both must fit over half the width.
        Panel a = panel(left, "", "<b>" + name(left, "left") + "</b><br>" + header(left), manyAbove, fewBelow, inLegend);
        Panel b = panel(right, "2", "<b>" + name(right, "right") + "</b><br>" + header(right), manyAbove, fewBelow, inLegend);
        List<Object> annotations = new ArrayList<>(a.annotations);
        annotations.addAll(b.annotations);
        List<Object> shapes = new ArrayList<>(a.shapes);
        shapes.addAll(b.shapes);
        Layout layout = Layout.titled("Class distribution: " + name(left, "left") + " and " + name(right, "right"))
                .with("barmode", "overlay")
                .with("height", 480)
                .with("margin.t", 120)
                .with("xaxis.domain", new double[] {0, 0.47})
                .with("xaxis2.domain", new double[] {0.53, 1})
                .with("xaxis.title.text", "class, largest first")
                .with("xaxis2.title.text", "class, largest first")
                .with("yaxis.title.text", "examples")
                .with("xaxis2.anchor", "y2")
                .with("yaxis2.anchor", "x2")
                // One count scale for both panels: the point is to compare them.
                .with("yaxis2.matches", "y")
                .with("shapes", shapes)
                .with("annotations", annotations);
        long[] both = LongStream.concat(LongStream.of(left.counts()), LongStream.of(right.counts())).toArray();
        layout = countAxis(countAxis(layout, "yaxis", scale, both), "yaxis2", scale, both);
        layout = withCategoryAxis(withCategoryAxis(layout, "xaxis", a.order), "xaxis2", b.order);
        List<Trace> traces = new ArrayList<>(a.traces);
        traces.addAll(b.traces);
        return Figure.of(layout, traces);
    }

    private record Panel(List<Trace> traces, List<String> order, List<Object> shapes, List<Object> annotations) {
    }

    /**
     * The bars of one distribution on the axes with suffix {@code axis} ("" or "2"): one trace per
     * non-empty shot group so that the legend explains the colours, each group in the legend once
     * per figure; above the bars a header with K, N and ρ, where it cannot cover a bar.
     */
    private static Panel panel(ClassCounts counts, String axis, String header, long manyAbove, long fewBelow,
                               boolean[] inLegend) {
        long[] n = counts.counts();
        List<Integer> sorted = IntStream.range(0, n.length).boxed()
                .sorted(Comparator.comparingLong((Integer k) -> n[k]).reversed()).toList();
        List<String> order = sorted.stream().map(k -> counts.classNames().get(k)).toList();
        List<Trace> traces = new ArrayList<>();
        for (Group group : Group.values()) {
            List<Integer> members = sorted.stream().filter(k -> groupOf(n[k], manyAbove, fewBelow) == group).toList();
            if (members.isEmpty()) {
                continue;
            }
            traces.add(Trace.of("bar")
                    .with("x", members.stream().map(k -> counts.classNames().get(k)).toList())
                    .with("y", members.stream().mapToLong(k -> n[k]).toArray())
                    .named(group.label + " (" + describe(group, manyAbove, fewBelow) + ")")
                    .with("marker.color", Palette.color(group.color))
                    .with("legendgroup", group.label)
                    .with("showlegend", !inLegend[group.ordinal()])
                    .with("xaxis", "x" + axis)
                    .with("yaxis", "y" + axis)
                    .with("hovertemplate", "%{x}: %{y:,} examples<extra>" + group.label + "</extra>"));
            inLegend[group.ordinal()] = true;
        }
        List<Object> shapes = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            if (groupOf(n[sorted.get(i)], manyAbove, fewBelow) != groupOf(n[sorted.get(i - 1)], manyAbove, fewBelow)) {
                // On a category axis, i - 0.5 is the edge between the i-th bar and the one before.
                shapes.add(Json.map("type", "line", "xref", "x" + axis, "yref", "y" + axis + " domain",
                        "x0", i - 0.5, "x1", i - 0.5, "y0", 0, "y1", 1,
                        "line", Json.map("color", Palette.REFERENCE, "width", 1, "dash", "dash")));
            }
        }
        List<Object> annotations = List.of(Json.map(
                "xref", "x" + axis + " domain", "yref", "y" + axis + " domain", "x", 0.5, "y", 1.02,
                "xanchor", "center", "yanchor", "bottom", "showarrow", false,
                "text", header));
        return new Panel(traces, order, shapes, annotations);
    }

    /**
     * Class names as categories in the sorted order; without {@code type: category}, Plotly would
     * read names such as "0", "1" as numbers and place the bars by value.
     */
    private static Layout withCategoryAxis(Layout layout, String axis, List<String> order) {
        return layout.with(axis + ".type", "category")
                .with(axis + ".categoryorder", "array")
                .with(axis + ".categoryarray", order);
    }

    /**
     * The count axis: linear, or log with a label per power of ten — Plotly's default labels
     * every digit in between, which crowds the axis of a long tail.
     */
    private static Layout countAxis(Layout layout, String axis, Scale scale, long[] counts) {
        Layout typed = layout.with(axis + ".type", scale.axisType());
        long max = LongStream.of(counts).max().orElse(1);
        long minPositive = LongStream.of(counts).filter(n -> n > 0).min().orElse(1);
        return scale == Scale.LOG && max >= 10 * minPositive ? typed.with(axis + ".dtick", 1) : typed;
    }

    private static Group groupOf(long count, long manyAbove, long fewBelow) {
        if (count > manyAbove) {
            return Group.MANY;
        }
        return count < fewBelow ? Group.FEW : Group.MEDIUM;
    }

    private static String describe(Group group, long manyAbove, long fewBelow) {
        return switch (group) {
            case MANY -> "> " + manyAbove;
            case MEDIUM -> fewBelow + "–" + manyAbove;
            case FEW -> "< " + fewBelow;
        };
    }

    private static void checkThresholds(long manyAbove, long fewBelow) {
        if (fewBelow < 0) {
            throw new IllegalArgumentException("fewBelow must be non-negative, but is " + fewBelow);
        }
        if (fewBelow > manyAbove + 1) {
            throw new IllegalArgumentException("fewBelow = " + fewBelow + " and manyAbove = " + manyAbove
                    + " overlap: a class cannot be many-shot and few-shot at once");
        }
    }

    /** Classes, examples and imbalance ratio: {@code K = 10, N = 2,480, ρ = n_max / n_min = 100}. */
    private static String header(ClassCounts counts) {
        return "K = " + counts.numClasses() + ", N = " + Labels.count(counts.total())
                + ", ρ = n<sub>max</sub> / n<sub>min</sub> = " + Labels.ratio(counts.imbalanceRatio());
    }

    private static String name(ClassCounts counts, String fallback) {
        return counts.label().isEmpty() ? fallback : counts.label();
    }
}
