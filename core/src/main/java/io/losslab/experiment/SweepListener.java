package io.losslab.experiment;

/**
 * Follows a {@link Sweep} as its runs finish, on the thread that called {@link Sweep#run}, one
 * call at a time: what a progress bar needs.
 *
 * <pre>{@code
 * SweepListener log = new SweepListener() {
 *     public void finished(SweepResult r, int done, int total) { System.out.println(done + "/" + total + " " + r.cell()); }
 * };
 * }</pre>
 */
public interface SweepListener {

    /** A listener that does nothing. */
    SweepListener NONE = new SweepListener() {
    };

    /** Called once before any run, with the number of runs and what runs them. */
    default void started(int total, String runner) {
    }

    /** Called as each run finishes; {@code done} counts finished and failed runs so far. */
    default void finished(SweepResult result, int done, int total) {
    }

    /** Called when a run fails, with the reason in one sentence. */
    default void failed(SweepCell cell, String reason, int done, int total) {
    }
}
