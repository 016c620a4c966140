package io.losslab.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the benchmark's table: per shape, the two floors and each loss, ours against PyTorch,
 * then the one line that sums it up.
 */
final class Report {

    private static final String LAST_LINE = "losses: worst ratio vs pytorch";
    private static final String ROW = "  %-24s %9s  %-17s %6s %6s %11s %13s%n";
    private static final double BYTES_PER_MB = 1e6;

    private final PrintStream out;
    private final Map<String, String> lossNames;

    /** A report of the losses whose display names are given by id, in table order. */
    Report(PrintStream out, Map<String, String> lossNames) {
        this.out = out;
        this.lossNames = lossNames;
    }

    /** The whole report; {@code torch} is null when PyTorch is missing. */
    void print(BenchSettings settings, String ourBlas, List<ShapeTimings> ours, TorchPeer.Results torch) {
        header(settings, ourBlas, torch);
        for (int i = 0; i < ours.size(); i++) {
            shape(ours.get(i), torch == null ? null : torch.shapes().get(i), torch == null ? null : torch.blas());
        }
        out.println();
        out.println(torch == null ? Blas.lastLineWithoutPyTorch(LAST_LINE, "") : worstLine(ours, torch));
    }

    private void header(BenchSettings settings, String ourBlas, TorchPeer.Results torch) {
        TimingPlan plan = settings.plan();
        out.println("Loss value + gradient, float32 logits, Reduction.MEAN");
        out.printf(Locale.ROOT, "ours: LossLab on ND4J (CPU), %d threads; PyTorch: %s%n", settings.threads(),
                torch == null ? "missing" : torch.torchVersion() + " (CPU), " + torch.threads() + " threads");
        out.printf(Locale.ROOT, "BLAS: ours %s (the losses themselves call none); PyTorch %s%n", ourBlas,
                torch == null ? "missing" : torch.blas());
        out.printf(Locale.ROOT, "timing: at least %d warm-up runs and %.0f s, then %d timed runs; "
                + "median ms (min-max)%n", plan.warmupRuns(), plan.warmupSeconds(), plan.timedRuns());
    }

    /** One shape's rows; {@code theirs} and {@code torchBlas} are null when PyTorch is missing. */
    private void shape(ShapeTimings ours, ShapeTimings theirs, String torchBlas) {
        out.println();
        out.printf(Locale.ROOT, "%s (%s of logits)%n", ours.shape(), size(ours.shape().bytes()));
        out.printf(ROW, "work", "ours ms", "(min-max)", "×exp", "×copy", "PyTorch ms", "ours/PyTorch");
        row(ours, "exp floor", ours.exp(), theirs == null ? null : theirs.exp(), torchBlas);
        row(ours, "copy floor", ours.copy(), theirs == null ? null : theirs.copy(), torchBlas);
        for (Map.Entry<String, String> loss : lossNames.entrySet()) {
            Timing peer = theirs == null ? null : theirs.losses().get(loss.getKey());
            row(ours, loss.getValue(), ours.losses().get(loss.getKey()), peer, torchBlas);
        }
        out.printf(Locale.ROOT, "  ce returning a new gradient array on every call: %s ms (the rows above reuse one)%n",
                millis(ours.newGradient().medianMs()));
        out.printf(Locale.ROOT, "  copy floor bandwidth (%s read + written): ours %.1f GB/s, PyTorch %s%n",
                size(2 * ours.shape().bytes()), ours.copyGigabytesPerSecond(),
                theirs == null ? "n/a" : String.format(Locale.ROOT, "%.1f GB/s", theirs.copyGigabytesPerSecond()));
    }

    private void row(ShapeTimings ours, String name, Timing timing, Timing peer, String torchBlas) {
        out.printf(ROW, name, millis(timing.medianMs()),
                "(" + millis(timing.minMs()) + "-" + millis(timing.maxMs()) + ")",
                ratio(timing.medianMs() / ours.exp().medianMs()),
                ratio(timing.medianMs() / ours.copy().medianMs()),
                peer == null ? "n/a" : millis(peer.medianMs()),
                peer == null ? "n/a" : Blas.ratio(timing.medianMs(), peer.medianMs(), torchBlas));
    }

    /** The last line: the largest ours/PyTorch ratio of median times over every loss and shape, and where it is. */
    private String worstLine(List<ShapeTimings> ours, TorchPeer.Results torch) {
        double worst = 0;
        String details = "";
        for (int i = 0; i < ours.size(); i++) {
            for (Map.Entry<String, String> loss : lossNames.entrySet()) {
                double ourMs = ours.get(i).losses().get(loss.getKey()).medianMs();
                double theirMs = torch.shapes().get(i).losses().get(loss.getKey()).medianMs();
                if (ourMs / theirMs > worst) {
                    worst = ourMs / theirMs;
                    details = loss.getValue() + " on " + ours.get(i).shape() + ": " + millis(ourMs) + " ms vs "
                            + millis(theirMs) + " ms";
                }
            }
        }
        return Blas.lastLine(LAST_LINE, worst, torch.blas(), details);
    }

    /** Three significant digits down to microseconds, so that a training batch's time is not rounded to 0.0. */
    private static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static String size(long bytes) {
        return bytes < BYTES_PER_MB ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / BYTES_PER_MB);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
