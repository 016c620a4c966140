package io.losslab.train;

import io.losslab.nn.Elementwise;
import io.losslab.nn.Layout;
import io.losslab.nn.Mlp;
import io.losslab.nn.Parameters;
import io.losslab.nn.Workers;

/**
 * A training loop's network buffers: one pass for the full batch size and one for the last,
 * shorter batch of an epoch, each made on first use and kept, so that no batch allocates; and the
 * {@link Workers} their shards and the parameter updates run on, which closing stops.
 */
final class BatchPasses implements AutoCloseable {

    private final Layout layout;
    private final RunSettings settings;
    private final Parameters parameters;
    private final Elementwise elementwise = Backend.current().networkElementwise();
    private final Workers workers;
    private final Mlp[] passes = new Mlp[2];

    BatchPasses(Layout layout, RunSettings settings, Parameters parameters) {
        this.layout = layout;
        this.settings = settings;
        this.parameters = parameters;
        this.workers = Workers.forTraining(elementwise, settings.threads());
    }

    /** The pass for a batch of {@code size}: the full batch's, or the last, shorter batch's. */
    Mlp forBatch(int size) {
        int slot = size == settings.batchSize() ? 0 : 1;
        if (passes[slot] == null || passes[slot].batch() != size) {
            passes[slot] = Mlp.forTraining(layout, settings.activation().network(), elementwise, workers, size,
                    parameters.array(), parameters.gradientArray(), settings.dropout() > 0);
        }
        return passes[slot];
    }

    @Override
    public void close() {
        workers.close();
    }
}
