package io.losslab.train;

import java.util.function.Consumer;

/**
 * Follows a training run: called on the training thread after every batch and every epoch, so a
 * notebook can draw curves while the model trains. A listener that throws stops training with
 * its exception.
 *
 * <pre>{@code
 * TrainingListener printer = TrainingListener.onEpoch(e -> System.out.println(e));
 * NdModel model = trainer.train(train, validation, printer);
 * }</pre>
 */
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Called after each batch's parameter update. */
    default void batchFinished(BatchProgress progress) {
    }

    /** Called after each full epoch, with validation metrics when there is a validation set. */
    default void epochFinished(EpochProgress progress) {
    }

    /** A listener that only follows epochs. */
    static TrainingListener onEpoch(Consumer<EpochProgress> action) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochProgress progress) {
                action.accept(progress);
            }
        };
    }
}
