package io.losslab.train;

/**
 * Follows a multi-task training run: called on the training thread after every epoch, with each
 * task's loss, weight and validation metric, so a notebook can draw one curve per task. A listener
 * that throws stops training with its exception.
 */
@FunctionalInterface
public interface MultiTaskListener {

    /** A listener that does nothing. */
    MultiTaskListener NONE = progress -> {
    };

    /** Called after each full epoch. */
    void epochFinished(MultiTaskProgress progress);
}
