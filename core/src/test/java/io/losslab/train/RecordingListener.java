package io.losslab.train;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every batch and epoch it hears, for tests to inspect afterwards. */
public final class RecordingListener implements TrainingListener {

    private final List<BatchProgress> batches = new ArrayList<>();
    private final List<EpochProgress> epochs = new ArrayList<>();

    @Override
    public void batchFinished(BatchProgress progress) {
        batches.add(progress);
    }

    @Override
    public void epochFinished(EpochProgress progress) {
        epochs.add(progress);
    }

    /** The batches heard, in order. */
    public List<BatchProgress> batches() {
        return batches;
    }

    /** The epochs heard, in order. */
    public List<EpochProgress> epochs() {
        return epochs;
    }
}
