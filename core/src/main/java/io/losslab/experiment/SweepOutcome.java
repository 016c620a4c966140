package io.losslab.experiment;

import java.io.Serializable;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What became of one cell of a sweep on a runner's worker: its result, or the one-sentence
 * reason it failed. Serializable, so that a runner on a cluster sends it back as it is.
 *
 * <pre>{@code
 * SweepOutcome outcome = SweepOutcome.of(job, cell);          // on a worker
 * outcome.handTo(finished, failed);                            // on the caller's thread
 * }</pre>
 *
 * @param cell    the run
 * @param result  its result, or null if it failed
 * @param failure why it failed, or null if it finished
 */
public record SweepOutcome(SweepCell cell, SweepResult result, String failure) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Runs the cell. A run that throws becomes a failed outcome, so that one failing cell does
     * not stop the rest (and a runner that retries does not run it again only to fail again).
     *
     * @throws CancellationException if the run was interrupted: that is the runner's to handle
     */
    public static SweepOutcome of(SweepJob job, SweepCell cell) {
        try {
            return new SweepOutcome(cell, job.run(cell), null);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(cell, SweepJob.reason(e));
        }
    }

    /** A cell that failed for this reason. */
    public static SweepOutcome failed(SweepCell cell, String reason) {
        return new SweepOutcome(cell, null, reason);
    }

    /** Hands the result to {@code finished}, or the cell and reason to {@code failed}. */
    public void handTo(Consumer<SweepResult> finished, BiConsumer<SweepCell, String> failed) {
        if (result != null) {
            finished.accept(result);
        } else {
            failed.accept(cell, failure);
        }
    }
}
