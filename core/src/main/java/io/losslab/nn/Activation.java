package io.losslab.nn;

/** What a hidden layer applies to its affine map. */
public enum Activation {
    /** {@code max(0, z)}. */
    RELU,
    /** The Gaussian error linear unit in its sigmoid form {@code z·σ(1.702z)} (PyTorch's default is the erf form). */
    GELU
}
