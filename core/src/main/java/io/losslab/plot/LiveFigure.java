package io.losslab.plot;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A figure that changes while something runs, shown through a display-update callback at most
 * a few times a second however often it changes. States are shown {@linkplain Figure#inProgress()
 * in progress}, so that every front end redraws them; {@link #close()} shows the last state once
 * more as a finished figure, and {@link #flush()} shows a state the throttle held back.
 *
 * <pre>{@code
 * try (LiveFigure live = LiveFigure.of(fig -> display.update(fig.mimeBundle()))) {
 *     for (int step = 0; step < 10_000; step++) {
 *         live.update(() -> plotOf(step));   // built only when it will be shown
 *     }
 * }                                          // shows the final state
 * }</pre>
 *
 * <p>The callback runs on the thread that calls {@code update}, {@code flush} or {@code close},
 * never on a timer thread of its own: a kernel's output channel is not made for writes from
 * other threads. The plot package knows nothing of kernels; the callback is the whole bridge.
 */
public final class LiveFigure implements AutoCloseable {

    /** At most four updates a second: smooth to watch, light on the kernel's channel and the browser. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private final Consumer<Figure> display;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private Supplier<Figure> pending;
    private Supplier<Figure> latest;
    private long lastShownAt;
    private boolean shownBefore;
    private int shown;

    private LiveFigure(Consumer<Figure> display, Duration minInterval, LongSupplier nanoClock) {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, but is " + minInterval);
        }
        this.display = display;
        this.intervalNanos = minInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A live figure shown through {@code display} at most every {@link #DEFAULT_INTERVAL}. */
    public static LiveFigure of(Consumer<Figure> display) {
        return of(display, DEFAULT_INTERVAL);
    }

    /** A live figure shown through {@code display} at most once every {@code minInterval}. */
    public static LiveFigure of(Consumer<Figure> display, Duration minInterval) {
        return new LiveFigure(display, minInterval, System::nanoTime);
    }

    /** The same with a clock of its own, so that the throttle can be tested without waiting. */
    static LiveFigure of(Consumer<Figure> display, Duration minInterval, LongSupplier nanoClock) {
        return new LiveFigure(display, minInterval, nanoClock);
    }

    /** The figure's new state: shown now if the interval since the last showing has passed, else held. */
    public void update(Figure figure) {
        update(() -> figure);
    }

    /**
     * The figure's new state, built by {@code state} only if it is shown — so a caller that updates
     * on every batch pays for a figure a few times a second, not on every batch.
     */
    public synchronized void update(Supplier<Figure> state) {
        pending = state;
        latest = state;
        long now = nanoClock.getAsLong();
        if (!shownBefore || now - lastShownAt >= intervalNanos) {
            showPending(now);
        }
    }

    /** Shows the last state if the throttle held it back. */
    public synchronized void flush() {
        if (pending != null) {
            showPending(nanoClock.getAsLong());
        }
    }

    /** How many times the figure has been shown. */
    public synchronized int timesShown() {
        return shown;
    }

    /**
     * Shows the last state once more as a finished figure, which every renderer draws, in place
     * of the states in progress shown so far. Closing twice shows nothing more.
     */
    @Override
    public synchronized void close() {
        if (latest != null) {
            Figure last = latest.get();
            latest = null;
            pending = null;
            shown++;
            display.accept(last);
        }
    }

    private void showPending(long now) {
        Figure figure = pending.get().inProgress();
        pending = null;
        lastShownAt = now;
        shownBefore = true;
        shown++;
        display.accept(figure);
    }
}
