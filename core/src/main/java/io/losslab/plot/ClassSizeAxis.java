package io.losslab.plot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The x axis of a per-class figure against class size: the classes from the smallest to the
 * largest, so that each line runs from the tail to the head, on a log scale of training examples.
 *
 * @param order the class indices, smallest class first
 * @param x     the classes' training examples, in that order
 * @param names the class names, in that order
 */
record ClassSizeAxis(int[] order, double[] x, List<String> names) {

    static ClassSizeAxis of(long[] counts, List<String> classNames) {
        int[] order = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingLong((Integer k) -> counts[k])).mapToInt(Integer::intValue).toArray();
        return new ClassSizeAxis(order, Arrays.stream(order).mapToDouble(k -> counts[k]).toArray(),
                Arrays.stream(order).mapToObj(classNames::get).toList());
    }

    /** A value per class, given by class index, in the axis's order. */
    double[] inOrder(IntToDoubleFunction byClass) {
        return Arrays.stream(order).mapToDouble(byClass).toArray();
    }

    /** The layout of such a figure: log x axis labelled per power of ten, {@code metric} in [0, 1] up the y axis. */
    static Layout layout(String title, String metric) {
        return Layout.titled(title)
                .withAxisTitles("training examples of the class (log scale)", metric)
                .with("height", 450)
                .with("xaxis.type", "log")
                // A label per power of ten; Plotly's default labels every digit in between.
                .with("xaxis.dtick", 1)
                .with("yaxis.range", new double[] {-0.02, 1.02});
    }
}
