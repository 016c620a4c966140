package io.losslab.nn;

/**
 * How parameters follow their gradient, in the manner of Tribuo's
 * {@code StochasticGradientOptimiser}: configured once, {@link #initialise initialised} for a
 * parameter count (which allocates its state), then {@link #step stepped} once per batch on the
 * flat parameter array of a {@link Layout}, whole or in ranges updated in parallel (see
 * {@link Parameters#step(Optimiser, Workers)}). Weight decay, where an optimiser has it, is L2
 * added to the gradient ({@code g + λθ}, on biases too), as in {@code torch.optim}.
 *
 * <pre>{@code
 * Optimiser adam = new Adam(1e-3, 0);
 * adam.initialise(layout.parameterCount());
 * adam.step(parameters, gradients);
 * }</pre>
 */
public interface Optimiser {

    /** Allocates fresh state for {@code parameterCount} parameters, forgetting any earlier steps. */
    void initialise(int parameterCount);

    /**
     * Moves {@code parameters} against {@code gradients}, both of the initialised size; the
     * gradients are left as they were.
     */
    default void step(float[] parameters, float[] gradients) {
        beginStep();
        step(parameters, gradients, 0, parameters.length);
    }

    /** Counts one more step, before its {@link #step(float[], float[], int, int) ranges} are updated. */
    void beginStep();

    /**
     * The current step's update of the parameters with index {@code from} (inclusive) to
     * {@code to} (exclusive): disjoint ranges that together cover the array may be updated in
     * parallel, and give the same values as one call over all of it.
     */
    void step(float[] parameters, float[] gradients, int from, int to);
}
