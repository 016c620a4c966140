package io.losslab.nn;

/**
 * Where an {@link Mlp} does its element-wise work (activations, dropout, their derivatives, a
 * cosine head's normalisations) and its matrix products (see {@link Gemm}). Both give the same
 * results, to float rounding.
 */
public enum Elementwise {
    /**
     * Fused Java loops over host copies of the buffers, and products as direct calls of the BLAS,
     * for ND4J's CPU backend: at a batch of 128 an ND4J operation costs more in dispatch than a
     * loop over the whole buffer, and a bulk copy each way costs about a microsecond.
     */
    HOST_LOOPS,
    /** ND4J operations, products included, on the arrays where they live, for a GPU backend, so that the activations stay on the device. */
    DEVICE_OPS
}
