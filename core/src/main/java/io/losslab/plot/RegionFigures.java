package io.losslab.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D pictures of classes: decision regions of a classifier over a grid with the data on top,
 * and embeddings with the class directions they are measured against.
 */
final class RegionFigures {

    /** The most grid cells a side: 200 × 200 already shows a boundary finer than the points around it. */
    static final int MAX_GRID_SIDE = 200;

    private RegionFigures() {
    }

    static Figure decisionRegions(double[] gridX, double[] gridY, int[][] predicted,
                                  double[][] points, int[] labels, List<String> classNames) {
        int k = classNames.size();
        if (predicted.length != gridY.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " rows for " + gridY.length + " grid y values");
        }
        for (int r = 0; r < predicted.length; r++) {
            if (predicted[r].length != gridX.length) {
                throw new IllegalArgumentException("predicted[" + r + "] has " + predicted[r].length
                        + " columns for " + gridX.length + " grid x values");
            }
            for (int c = 0; c < predicted[r].length; c++) {
                checkClass("predicted[" + r + "][" + c + "]", predicted[r][c], k);
            }
        }
        checkPoints(points, labels, k);

        int[] cols = Thinning.evenly(gridX.length, MAX_GRID_SIDE);
        int[] rows = Thinning.evenly(gridY.length, MAX_GRID_SIDE);
        int[][] z = new int[rows.length][cols.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                z[r][c] = predicted[rows[r]][cols[c]];
            }
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(Trace.of("heatmap")
                .with("x", Arrays.stream(cols).mapToDouble(c -> gridX[c]).toArray())
                .with("y", Arrays.stream(rows).mapToDouble(r -> gridY[r]).toArray())
                .with("z", z)
                .with("colorscale", classColorscale(k))
                // Class k sits in the middle of its own band of the colour scale.
                .with("zmin", -0.5).with("zmax", k - 0.5)
                .with("showscale", false).with("hoverinfo", "skip").named("predicted class"));

        int[] shown = Thinning.sample(points.length, Thinning.MAX_POINTS);
        traces.addAll(classPoints(points, labels, classNames, shown));
        List<String> notes = new ArrayList<>();
        if (shown.length < points.length) {
            notes.add(Thinning.note(shown.length, points.length, "points (seeded random sample)"));
        }
        if (rows.length < gridY.length || cols.length < gridX.length) {
            notes.add("grid drawn at " + cols.length + " × " + rows.length + " of " + gridX.length + " × " + gridY.length);
        }
        Layout layout = Layout.titled(Labels.withNotes("Decision regions and data", notes))
                .withAxisTitles("x<sub>1</sub>", "x<sub>2</sub>")
                .with("height", 560)
                .with("yaxis.scaleanchor", "x");
        return Figure.of(layout, traces);
    }

    /**
     * 2-D points coloured by class with a line from the origin along each class direction, on
     * equal axes so that angles look like angles.
     */
    static Figure embedding(String title, double[][] points, int[] labels, List<String> classNames,
                            double[][] classDirections) {
        int k = classNames.size();
        checkPoints(points, labels, k);
        if (classDirections != null) {
            if (classDirections.length != k) {
                throw new IllegalArgumentException("classDirections has " + classDirections.length + " rows for " + k + " classes");
            }
            for (int cls = 0; cls < k; cls++) {
                if (classDirections[cls].length != 2) {
                    throw new IllegalArgumentException("classDirections[" + cls + "] has " + classDirections[cls].length
                            + " coordinates, not 2");
                }
            }
        }
        int[] shown = Thinning.sample(points.length, Thinning.MAX_POINTS);
        List<Trace> traces = new ArrayList<>(classPoints(points, labels, classNames, shown));
        if (classDirections != null) {
            // Every line as long as the farthest point, so that unit points (r = 1) and raw
            // embeddings alike show a direction that reaches into its cloud.
            double reach = Arrays.stream(shown).mapToDouble(i -> Math.hypot(points[i][0], points[i][1])).max().orElse(0);
            double length = reach > 0 ? reach : 1;
            for (int cls = 0; cls < k; cls++) {
                double norm = Math.hypot(classDirections[cls][0], classDirections[cls][1]);
                if (norm == 0) {
                    continue;
                }
                double x = classDirections[cls][0] / norm * length;
                double y = classDirections[cls][1] / norm * length;
                traces.add(Trace.lines(new double[] {0, x}, new double[] {0, y})
                        .named(classNames.get(cls) + " direction")
                        .with("legendgroup", classNames.get(cls)).with("showlegend", false)
                        .with("line.color", Palette.color(cls)).with("line.width", 3)
                        .with("hovertemplate", "direction of " + classNames.get(cls) + "<extra></extra>"));
            }
        }
        List<String> notes = new ArrayList<>();
        if (shown.length < points.length) {
            notes.add(Thinning.note(shown.length, points.length, "points (seeded random sample)"));
        }
        String headline = title == null || title.isEmpty() ? "Embedding" : title;
        Layout layout = Layout.titled(Labels.withNotes(headline, notes))
                .withAxisTitles("embedding 1", "embedding 2")
                .with("height", 560)
                .with("yaxis.scaleanchor", "x");
        return Figure.of(layout, traces);
    }

    /** One marker trace per class that has shown points, in the class's colour and named by it. */
    private static List<Trace> classPoints(double[][] points, int[] labels, List<String> classNames, int[] shown) {
        List<Trace> traces = new ArrayList<>();
        for (int cls = 0; cls < classNames.size(); cls++) {
            final int current = cls;
            int[] members = Arrays.stream(shown).filter(i -> labels[i] == current).toArray();
            if (members.length == 0) {
                continue;
            }
            traces.add(Trace.markers(Arrays.stream(members).mapToDouble(i -> points[i][0]).toArray(),
                            Arrays.stream(members).mapToDouble(i -> points[i][1]).toArray())
                    .named(classNames.get(cls)).with("legendgroup", classNames.get(cls))
                    .with("marker.color", Palette.color(cls)).with("marker.size", 5)
                    .with("marker.line.color", "white").with("marker.line.width", 0.5)
                    .with("hovertemplate", "(%{x:.2f}, %{y:.2f})<extra>" + classNames.get(cls) + "</extra>"));
        }
        return traces;
    }

    private static void checkPoints(double[][] points, int[] labels, int numClasses) {
        if (points.length != labels.length) {
            throw new IllegalArgumentException("points has " + points.length + " rows but labels has " + labels.length);
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2) {
                throw new IllegalArgumentException("points[" + i + "] has " + points[i].length + " coordinates, not 2");
            }
            checkClass("labels[" + i + "]", labels[i], numClasses);
        }
    }

    /** A colour scale of K flat bands, band k in class k's colour, so that cell values read as classes. */
    private static List<Object> classColorscale(int k) {
        List<Object> scale = new ArrayList<>();
        for (int cls = 0; cls < k; cls++) {
            String color = Palette.color(cls, 0.3);
            scale.add(List.of(cls / (double) k, color));
            scale.add(List.of((cls + 1) / (double) k, color));
        }
        return scale;
    }

    private static void checkClass(String name, int value, int numClasses) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException(name + " = " + value + " is not a class index in [0, " + numClasses + ")");
        }
    }
}
