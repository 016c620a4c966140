package io.losslab.magics;

import java.util.Locale;

/**
 * A progress bar that draws itself in the notebook and redraws in place, at most a few times a
 * second however often it is told of progress, and always once more at the end — so that a fast
 * loop does not flood the notebook and the last state is never lost.
 *
 * <pre>{@code
 * ProgressBar bar = ProgressBar.start(context, "download", total);
 * bar.update(done, "12.1 MB/s");  ...  bar.finish("done");
 * }</pre>
 */
public final class ProgressBar {

    private static final long MIN_NANOS_BETWEEN_DRAWS = 200_000_000L;
    private static final int TEXT_WIDTH = 30;

    private final MagicContext context;
    private final String label;
    private final String displayId;
    private final long started = System.nanoTime();
    private long total;
    private long lastDraw = Long.MIN_VALUE;

    private ProgressBar(MagicContext context, String label, long total) {
        this.context = context;
        this.label = label;
        this.total = total;
        this.displayId = context.display(render(0, ""));
        this.lastDraw = System.nanoTime();
    }

    /** Shows a bar at 0 of {@code total} (0 or less if the total is not known yet). */
    public static ProgressBar start(MagicContext context, String label, long total) {
        return new ProgressBar(context, label, total);
    }

    /** Reports {@code done} units with a short note; redraws if the last redraw is old enough. */
    public void update(long done, long newTotal, String note) {
        total = newTotal;
        long now = System.nanoTime();
        if (now - lastDraw >= MIN_NANOS_BETWEEN_DRAWS) {
            lastDraw = now;
            context.updateDisplay(displayId, render(done, note));
        }
    }

    /** Draws the final state, whatever the throttle says. */
    public void finish(long done, String note) {
        context.updateDisplay(displayId, render(done, note));
    }

    private RichText render(long done, String note) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double fraction = total > 0 ? Math.min(1, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * TEXT_WIDTH);
        String counts = total > 0 ? done + "/" + total : Long.toString(done);
        String status = String.format(Locale.ROOT, "%s %3.0f%% %s [%.1f s] %s", label, 100 * fraction, counts, seconds, note).strip();
        String text = "|" + "█".repeat(filled) + " ".repeat(TEXT_WIDTH - filled) + "| " + status;
        String html = String.format(Locale.ROOT, "<div><progress value=\"%d\" max=\"%d\" style=\"width:300px\"></progress> %s</div>",
                total > 0 ? done : 0, Math.max(total, 1), RichText.escape(status));
        return new RichText(text, html);
    }
}
