package io.losslab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flat parameters of a {@link Layout} and their gradient, both in an ND4J array (where the
 * products of an {@link Mlp} read and write them, on the device of the backend) and in a Java
 * array (where an {@link Optimiser} updates them). A step copies the gradient to the host and the
 * parameters back, a chunk at a time in bulk copies, where an ND4J optimiser would issue several
 * operations.
 *
 * <pre>{@code
 * Parameters parameters = new Parameters(layout.initialParameters(random));
 * Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, workers, 128, parameters.array(),
 *         parameters.gradientArray(), false);
 * // … forward, loss, then pass.backward() and parameters.step(optimiser, workers), or both at once:
 * pass.backwardAndStep(parameters, optimiser);
 * }</pre>
 */
public final class Parameters {

    /** Parameters a step reads, updates and writes back at a time: 16 KiB of each array, well within a core's first cache. */
    private static final int CHUNK = 4096;

    private final float[] values;
    private final float[] gradients;
    private final INDArray array;
    private final INDArray gradientArray;

    /** Parameters starting at {@code initial} (copied), with a zero gradient. */
    public Parameters(float[] initial) {
        values = initial.clone();
        gradients = new float[values.length];
        array = Nd4j.create(DataType.FLOAT, values.length);
        gradientArray = Nd4j.create(DataType.FLOAT, values.length);
        Host.write(values, array, values.length);
    }

    /** The current parameters on the host; read only, as the ND4J array is not told of changes. */
    public float[] values() {
        return values;
    }

    /** The current parameters as ND4J sees them. */
    public INDArray array() {
        return array;
    }

    /** Where a backward pass writes the gradient. */
    public INDArray gradientArray() {
        return gradientArray;
    }

    /** One step of {@code optimiser} against the gradient of the last backward pass. */
    public void step(Optimiser optimiser) {
        step(optimiser, Workers.single());
    }

    /**
     * One step of {@code optimiser} against the gradient of the last backward pass, the
     * parameters split into one range per shard of {@code workers}, each range copied, updated and
     * copied back by its own thread.
     */
    public void step(Optimiser optimiser, Workers workers) {
        step(optimiser, workers, (into, from, to) -> Host.readRange(gradientArray, into, from, to));
    }

    /**
     * {@link #step(Optimiser, Workers)} against the gradient {@code gradient} reads, a chunk at a
     * time, so that each chunk is updated while it is still in the core's cache.
     */
    void step(Optimiser optimiser, Workers workers, GradientReader gradient) {
        optimiser.beginStep();
        workers.run(shard -> {
            int end = Workers.partStart(values.length, shard + 1, workers.shards());
            for (int from = Workers.partStart(values.length, shard, workers.shards()); from < end; from += CHUNK) {
                int to = Math.min(end, from + CHUNK);
                gradient.read(gradients, from, to);
                optimiser.step(values, gradients, from, to);
                Host.writeRange(values, array, from, to);
            }
        });
    }

    /** Where a step reads the gradient from. */
    @FunctionalInterface
    interface GradientReader {

        /** Values {@code from} (inclusive) to {@code to} (exclusive) of the gradient into the same places of {@code into}. */
        void read(float[] into, int from, int to);
    }
}
