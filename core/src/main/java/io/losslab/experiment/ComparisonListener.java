package io.losslab.experiment;

import io.losslab.train.TrainingListener;

/**
 * Follows a {@link Comparison} as it trains one row after another, on the thread that runs it.
 *
 * <pre>{@code
 * ComparisonListener log = new ComparisonListener() {
 *     public void rowFinished(ComparisonRow row) { System.out.println(row.name() + " done"); }
 * };
 * }</pre>
 */
public interface ComparisonListener {

    /** A listener that does nothing. */
    ComparisonListener NONE = new ComparisonListener() {
    };

    /**
     * Called before a row trains; the listener returned follows its batches and epochs when the
     * row is trained by LossLab's ND4J trainer.
     */
    default TrainingListener rowStarted(String name) {
        return TrainingListener.NONE;
    }

    /** Called once a row is trained and evaluated. */
    default void rowFinished(ComparisonRow row) {
    }
}
