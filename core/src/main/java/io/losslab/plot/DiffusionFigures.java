package io.losslab.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Diffusion pictures: point clouds through the steps of a process, and grids of images. */
final class DiffusionFigures {

    /** The most frames an animation carries; more would not be told apart by eye anyway. */
    static final int MAX_FRAMES = 60;
    /**
     * Points over all frames together: about 0.6 MB of page, and about 1.5 MB of notebook, which
     * stores a figure twice (as Plotly's JSON and in its HTML), so that a notebook of a few
     * animations stays small enough to share.
     */
    static final int POINT_BUDGET = 30_000;
    /** The most images a grid shows. */
    static final int MAX_IMAGES = 400;

    private DiffusionFigures() {
    }

    /** Generated points drawn over the data they should resemble, both thinned alike. */
    static Figure samplesOverData(String title, double[][] data, double[][] samples) {
        Trace dataTrace = cloud(data, "data").with("marker.color", "#9e9e9e").with("marker.opacity", 0.35);
        Trace samplesTrace = cloud(samples, "samples").with("marker.color", Palette.color(0)).with("marker.opacity", 0.6);
        List<String> notes = new ArrayList<>();
        if (data.length > Thinning.MAX_POINTS || samples.length > Thinning.MAX_POINTS) {
            notes.add(Thinning.note(Math.min(Thinning.MAX_POINTS, samples.length), samples.length, "samples shown"));
        }
        Layout layout = Layout.titled(Labels.withNotes(title == null || title.isEmpty() ? "Samples over the data" : title, notes))
                .withAxisTitles("x<sub>1</sub>", "x<sub>2</sub>")
                .with("height", 560)
                .with("yaxis.scaleanchor", "x");
        return Figure.of(layout, dataTrace, samplesTrace);
    }

    private static Trace cloud(double[][] points, String name) {
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + points[i].length + " coordinates, not 2");
            }
        }
        int[] shown = Thinning.sample(points.length, Thinning.MAX_POINTS);
        double[] x = Arrays.stream(shown).mapToDouble(i -> points[i][0]).toArray();
        double[] y = Arrays.stream(shown).mapToDouble(i -> points[i][1]).toArray();
        return Trace.markers(x, y).named(name).with("marker.size", 4)
                .with("hovertemplate", name + " (%{x:.2f}, %{y:.2f})<extra></extra>");
    }

    static Figure frames(String title, int[] steps, List<double[][]> samples) {
        if (steps.length != samples.size() || steps.length == 0) {
            throw new IllegalArgumentException("steps and samples need one entry per frame and at least one, but have "
                    + steps.length + " and " + samples.size());
        }
        int n = samples.get(0).length;
        for (int f = 0; f < samples.size(); f++) {
            double[][] frame = samples.get(f);
            if (frame.length != n) {
                throw new IllegalArgumentException("samples[" + f + "] has " + frame.length + " points, but samples[0] has " + n);
            }
            for (int i = 0; i < frame.length; i++) {
                if (frame[i].length != 2) {
                    throw new IllegalArgumentException("samples[" + f + "][" + i + "] has " + frame[i].length + " coordinates, not 2");
                }
            }
        }
        int[] frameIndex = Thinning.evenly(steps.length, MAX_FRAMES);
        int perFrame = Math.min(Thinning.MAX_POINTS, Math.max(500, POINT_BUDGET / frameIndex.length));
        // The same points in every frame, so that each dot can be followed through the process.
        int[] shown = Thinning.sample(n, perFrame);

        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Frame> frames = new ArrayList<>();
        List<Object> sliderSteps = new ArrayList<>();
        for (int f : frameIndex) {
            double[][] frame = samples.get(f);
            double[] x = Arrays.stream(shown).mapToDouble(i -> frame[i][0]).toArray();
            double[] y = Arrays.stream(shown).mapToDouble(i -> frame[i][1]).toArray();
            extend(range, 0, x);
            extend(range, 2, y);
            String name = "t=" + steps[f];
            frames.add(Frame.of(name, List.of(Trace.markers(x, y))));
            sliderSteps.add(Json.map("label", Integer.toString(steps[f]), "method", "animate",
                    "args", List.of(List.of(name), still())));
        }
        Trace first = frames.get(0).data().get(0).named("samples")
                .with("marker.size", 4).with("marker.color", Palette.color(0)).with("marker.opacity", 0.7)
                .with("hovertemplate", "(%{x:.2f}, %{y:.2f})<extra></extra>");
        List<String> notes = new ArrayList<>();
        if (shown.length < n) {
            notes.add(Thinning.note(shown.length, n, "points per frame (seeded random sample)"));
        }
        if (frameIndex.length < steps.length) {
            notes.add(frameIndex.length + " of " + steps.length + " steps");
        }
        String fullTitle = Labels.withNotes(title == null || title.isEmpty() ? "Diffusion" : title, notes);
        Object play = Json.map("label", "▶ play", "method", "animate",
                "args", Arrays.asList(null, Json.map("mode", "immediate", "fromcurrent", true,
                        "frame", Json.map("duration", 150, "redraw", false), "transition", Json.map("duration", 0))));
        // Animating to [null] stops at the current frame: Plotly's pause.
        Object pause = Json.map("label", "❚❚ pause", "method", "animate",
                "args", List.of(Collections.singletonList(null), still()));
        Layout layout = Layout.titled(fullTitle)
                .withAxisTitles("x<sub>1</sub>", "x<sub>2</sub>")
                .with("height", 600)
                .with("margin.b", 150)
                // Fixed axes: a moving frame of reference would hide the motion of the points.
                .with("xaxis.range", padded(range[0], range[1]))
                .with("yaxis.range", padded(range[2], range[3]))
                .with("xaxis.autorange", false)
                .with("yaxis.autorange", false)
                .with("yaxis.scaleanchor", "x")
                .with("updatemenus", List.of(Json.map("type", "buttons", "direction", "left", "showactive", false,
                        "x", 0, "y", 0, "xanchor", "left", "yanchor", "top", "pad", Json.map("t", 87, "r", 10),
                        "buttons", List.of(play, pause))))
                .with("sliders", List.of(Json.map("active", 0, "steps", sliderSteps, "x", 0.22, "len", 0.78,
                        "pad", Json.map("t", 55), "currentvalue", Json.map("prefix", "t = "))));
        return Figure.of(layout, first).withFrames(frames);
    }

    static Figure imageGrid(String title, double[][] images, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive, but are " + width + " and " + height);
        }
        if (images.length == 0) {
            throw new IllegalArgumentException("images must hold at least one image, but is empty");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != width * height) {
                throw new IllegalArgumentException("images[" + i + "] has " + images[i].length + " pixels, not "
                        + width + " × " + height + " = " + width * height);
            }
        }
        int count = Math.min(images.length, MAX_IMAGES);
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        // One heatmap with a blank (null) line between tiles: one trace draws far faster than hundreds.
        double[][] z = new double[rows * (height + 1) - 1][columns * (width + 1) - 1];
        for (double[] line : z) {
            Arrays.fill(line, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int top = (i / columns) * (height + 1);
            int left = (i % columns) * (width + 1);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double v = images[i][r * width + c];
                    z[top + r][left + c] = v;
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (!(min < max)) {
            max = min + 1;
        }
        String fullTitle = Labels.withNotes(title == null || title.isEmpty() ? "Images" : title,
                count < images.length ? List.of("the first " + count + " of " + Labels.count(images.length) + " images") : List.of());
        Trace heatmap = Trace.heatmap(z).with("zmin", min).with("zmax", max)
                .with("colorscale", List.of(List.of(0, "#ffffff"), List.of(1, "#000000")))
                .with("showscale", false).with("hoverongaps", false)
                .with("hovertemplate", "%{z:.2f}<extra></extra>");
        int pixel = Math.max(2, 96 / height);
        Layout layout = Layout.titled(fullTitle)
                .with("height", Math.min(900, 140 + z.length * pixel))
                .with("xaxis.visible", false)
                .with("yaxis.visible", false)
                .with("yaxis.autorange", "reversed")
                // Square pixels: an image stretched to the page's width would be distorted.
                .with("yaxis.scaleanchor", "x")
                .with("plot_bgcolor", "white");
        return Figure.of(layout, heatmap);
    }

    /** Animation options that jump to a frame at once. */
    private static Object still() {
        return Json.map("mode", "immediate", "frame", Json.map("duration", 0, "redraw", false),
                "transition", Json.map("duration", 0));
    }

    private static void extend(double[] range, int at, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                range[at] = Math.min(range[at], v);
                range[at + 1] = Math.max(range[at + 1], v);
            }
        }
    }

    private static double[] padded(double min, double max) {
        if (!(min <= max)) {
            return new double[] {-1, 1};
        }
        double pad = max > min ? 0.05 * (max - min) : 1;
        return new double[] {min - pad, max + pad};
    }
}
