package io.losslab.plot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Training loss and validation balanced accuracy against epoch, recorded as training runs and,
 * if live, shown through a display-update callback (throttled by {@link LiveFigure}).
 *
 * <pre>{@code
 * try (TrainingCurves curves = TrainingCurves.live(fig -> display.update(fig.mimeBundle()))) {
 *     trainer.onBatch((epoch, loss) -> curves.addLoss(epoch, loss));          // fractional epochs are fine
 *     trainer.onEpoch((epoch, bacc) -> curves.addValidation(epoch, bacc));
 *     trainer.train(data);
 * }                                                                          // the last state is shown
 * }</pre>
 */
public final class TrainingCurves implements AutoCloseable {

    /** The most loss points drawn; beyond it neighbouring batches are averaged, which also smooths the noise. */
    static final int MAX_LOSS_POINTS = 2000;

    private final List<double[]> loss = new ArrayList<>();
    private final List<double[]> validation = new ArrayList<>();
    private final LiveFigure live;

    private TrainingCurves(LiveFigure live) {
        this.live = live;
    }

    /** Curves that are only recorded; see {@link #figure()}. */
    public static TrainingCurves create() {
        return new TrainingCurves(null);
    }

    /** Curves shown through {@code display} at most four times a second while they grow. */
    public static TrainingCurves live(Consumer<Figure> display) {
        return new TrainingCurves(LiveFigure.of(display));
    }

    /** Curves shown through {@code display} at most once every {@code minInterval}. */
    public static TrainingCurves live(Consumer<Figure> display, Duration minInterval) {
        return new TrainingCurves(LiveFigure.of(display, minInterval));
    }

    /** The training loss at {@code epoch} (a batch may report a fraction such as 2.25). */
    public void addLoss(double epoch, double value) {
        checkEpoch(epoch);
        synchronized (this) {
            loss.add(new double[] {epoch, value});
        }
        changed();
    }

    /** The validation balanced accuracy, in [0, 1], at {@code epoch}. */
    public void addValidation(double epoch, double balancedAccuracy) {
        checkEpoch(epoch);
        if (!(balancedAccuracy >= 0 && balancedAccuracy <= 1)) {
            throw new IllegalArgumentException("balancedAccuracy must be in [0, 1], but is " + balancedAccuracy);
        }
        synchronized (this) {
            validation.add(new double[] {epoch, balancedAccuracy});
        }
        changed();
    }

    /** The curves so far. */
    public synchronized Figure figure() {
        int group = (loss.size() + MAX_LOSS_POINTS - 1) / MAX_LOSS_POINTS;
        List<double[]> drawn = averaged(loss, group);
        List<Trace> traces = List.of(
                Trace.lines(column(drawn, 0), column(drawn, 1)).named("training loss")
                        .with("line.color", Palette.color(0))
                        .with("hovertemplate", "epoch %{x:.2f}: loss %{y:.4f}<extra></extra>"),
                Trace.of("scatter").with("mode", "lines+markers")
                        .with("x", column(validation, 0)).with("y", column(validation, 1))
                        .named("validation balanced accuracy")
                        .with("line.color", Palette.color(1)).with("marker.color", Palette.color(1))
                        .with("xaxis", "x2").with("yaxis", "y2")
                        .with("hovertemplate", "epoch %{x:.2f}: balanced accuracy %{y:.3f}<extra></extra>"));
        List<String> notes = new ArrayList<>();
        if (group > 1) {
            notes.add("loss averaged over groups of " + group + " records");
        }
        Layout layout = Layout.titled(Labels.withNotes(headline(), notes))
                .with("height", 560)
                .with("xaxis.anchor", "y")
                .with("xaxis.showticklabels", false)
                .with("yaxis.domain", new double[] {0.55, 1})
                .with("yaxis.title.text", "training loss")
                .with("xaxis2.anchor", "y2")
                // One epoch axis for both panels: zooming one zooms the other.
                .with("xaxis2.matches", "x")
                .with("xaxis2.title.text", "epoch")
                .with("yaxis2.domain", new double[] {0, 0.45})
                .with("yaxis2.anchor", "x2")
                .with("yaxis2.range", new double[] {0, 1})
                .with("yaxis2.title.text", "validation balanced accuracy");
        return Figure.of(layout, traces);
    }

    /**
     * Named series of one value per epoch as lines over epochs 1 … n, in the map's order; NaN
     * leaves a gap, so a run without validation draws nothing rather than a false zero.
     */
    static Figure perEpoch(String title, String xTitle, String yTitle, Map<String, double[]> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one line, but is empty");
        }
        List<Trace> traces = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            double[] epochs = new double[values.length];
            Arrays.setAll(epochs, e -> e + 1);
            traces.add(Trace.lines(epochs, values).named(entry.getKey())
                    .with("line.color", Palette.color(index))
                    .with("hovertemplate", "%{x}: %{y:.4f}<extra>" + entry.getKey() + "</extra>"));
            index++;
        }
        return Figure.of(Layout.titled(title).withAxisTitles(xTitle, yTitle).with("height", 450), traces);
    }

    /** Shows the last state if the throttle held it back; recording can go on afterwards. */
    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
    }

    private void changed() {
        if (live != null) {
            live.update(this::figure);
        }
    }

    /** The latest values in the title, which is what a person watching a run looks for. */
    private String headline() {
        if (loss.isEmpty() && validation.isEmpty()) {
            return "Training curves (nothing recorded yet)";
        }
        List<String> latest = new ArrayList<>();
        if (!loss.isEmpty()) {
            double[] last = loss.get(loss.size() - 1);
            latest.add("loss " + Labels.decimal(last[1], 4) + " at epoch " + Labels.trimmed(last[0], 2));
        }
        if (!validation.isEmpty()) {
            double[] last = validation.get(validation.size() - 1);
            latest.add("validation balanced accuracy " + Labels.decimal(last[1], 3) + " at epoch " + Labels.trimmed(last[0], 2));
        }
        return "Training curves — " + String.join(", ", latest);
    }

    private static List<double[]> averaged(List<double[]> points, int group) {
        if (group <= 1) {
            return points;
        }
        List<double[]> means = new ArrayList<>();
        for (int start = 0; start < points.size(); start += group) {
            int end = Math.min(points.size(), start + group);
            double epoch = 0;
            double value = 0;
            for (int i = start; i < end; i++) {
                epoch += points.get(i)[0];
                value += points.get(i)[1];
            }
            means.add(new double[] {epoch / (end - start), value / (end - start)});
        }
        return means;
    }

    private static double[] column(List<double[]> points, int column) {
        return points.stream().mapToDouble(p -> p[column]).toArray();
    }

    private static void checkEpoch(double epoch) {
        if (!(epoch >= 0) || Double.isInfinite(epoch)) {
            throw new IllegalArgumentException("epoch must be a finite number >= 0, but is " + epoch);
        }
    }
}
