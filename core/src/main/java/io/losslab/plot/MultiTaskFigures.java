package io.losslab.plot;

import io.losslab.train.MultiTaskListener;
import io.losslab.train.MultiTaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The curves of a multi-task run, one line per task in each of three panels over the epochs:
 * the training loss (log scale, as task losses can differ by orders of magnitude), the weight
 * α_i, and the validation metric (balanced accuracy or R²) when there was a validation set.
 *
 * <pre>{@code
 * Figure f = MultiTaskFigures.curves(model.history());
 * }</pre>
 */
public final class MultiTaskFigures {

    private MultiTaskFigures() {
    }

    /**
     * A listener that draws {@link #curves} of the run so far while it trains: the first epoch's
     * through {@code show}, which returns the display's id, each later one through {@code update}
     * in its place, at most a few times a second (see {@link LiveFigure}), and the last epoch's as
     * the finished figure. In a notebook:
     *
     * <pre>{@code
     * MultiTaskModel model = trainer.train(train, validation,
     *         MultiTaskFigures.live(f -> display(f), (id, f) -> updateDisplay(id, f)));
     * }</pre>
     */
    public static MultiTaskListener live(Function<Figure, String> show, BiConsumer<String, Figure> update) {
        List<MultiTaskProgress> history = new ArrayList<>();
        String[] displayId = new String[1];
        LiveFigure figure = LiveFigure.of(state -> {
            if (displayId[0] == null) {
                displayId[0] = show.apply(state);
            } else {
                update.accept(displayId[0], state);
            }
        });
        return progress -> {
            history.add(progress);
            List<MultiTaskProgress> soFar = List.copyOf(history);
            figure.update(() -> curves(soFar));
            if (progress.epoch() == progress.epochs()) {
                figure.close();
            }
        };
    }

    /**
     * The per-task curves of {@code history}, one entry per epoch.
     *
     * @throws IllegalArgumentException if the history is empty
     */
    public static Figure curves(List<MultiTaskProgress> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history must hold at least one epoch, but is empty");
        }
        double[] epochs = history.stream().mapToDouble(MultiTaskProgress::epoch).toArray();
        List<Trace> traces = new ArrayList<>();
        int tasks = history.get(0).tasks().size();
        for (int t = 0; t < tasks; t++) {
            int task = t;
            String name = history.get(0).tasks().get(t).task();
            String color = Palette.color(t);
            traces.add(line(epochs, history, p -> p.tasks().get(task).trainingLoss(), name, color, "", true));
            traces.add(line(epochs, history, p -> p.tasks().get(task).weight(), name + " α", color, "2", false));
            traces.add(line(epochs, history, p -> p.tasks().get(task).validation() == null ? Double.NaN
                    : p.tasks().get(task).validation().metric(), name + " validation", color, "3", false));
        }
        Layout layout = Layout.titled("Per-task training: loss, weight α and validation metric")
                .with("height", 720)
                .with("yaxis.domain", new double[] {0.7, 1})
                .with("yaxis.type", "log")
                .with("yaxis.title.text", "training loss")
                .with("xaxis.showticklabels", false)
                .with("yaxis2.domain", new double[] {0.37, 0.63})
                .with("yaxis2.type", "log")
                .with("yaxis2.title.text", "weight α")
                .with("yaxis2.anchor", "x2")
                .with("xaxis2.anchor", "y2")
                .with("xaxis2.matches", "x")
                .with("xaxis2.showticklabels", false)
                .with("yaxis3.domain", new double[] {0, 0.3})
                .with("yaxis3.title.text", "balanced accuracy or R²")
                .with("yaxis3.anchor", "x3")
                .with("xaxis3.anchor", "y3")
                .with("xaxis3.matches", "x")
                .with("xaxis3.title.text", "epoch");
        return Figure.of(layout, traces);
    }

    private static Trace line(double[] epochs, List<MultiTaskProgress> history, ToDoubleFunction<MultiTaskProgress> value,
            String name, String color, String axis, boolean legend) {
        Trace trace = Trace.of("scatter").with("mode", "lines+markers").with("x", epochs)
                .with("y", history.stream().mapToDouble(value).toArray()).named(name)
                .with("line.color", color).with("marker.color", color).with("showlegend", legend)
                .with("hovertemplate", "epoch %{x}: %{y:.4g}<extra>" + name + "</extra>");
        return axis.isEmpty() ? trace : trace.with("xaxis", "x" + axis).with("yaxis", "y" + axis);
    }
}
