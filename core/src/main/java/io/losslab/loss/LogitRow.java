package io.losslab.loss;

/**
 * One row of logits in a scratch array of the logits' precision, with the few operations a fused
 * loss needs: it is loaded from the logits, transformed in place into the row of the gradient,
 * and stored. Every loss that runs as a fused pass is written once against this class; only the
 * float and double implementations of the operations exist twice.
 *
 * <p>Each bulk operation is a short loop of its own over the scratch array, which stays in the
 * first-level cache: short loops are the ones the JIT unrolls and vectorises. A row is used by one
 * thread at a time.
 */
abstract class LogitRow {

    /** K, the length of the row. */
    final int classes;

    LogitRow(int classes) {
        this.classes = classes;
    }

    /** Reads the logits of {@code example} into the scratch row. */
    abstract void load(int example);

    /** Writes the scratch row as the gradient of {@code example}. */
    abstract void store(int example);

    /** Entry {@code k} of the scratch row. */
    abstract double get(int k);

    /** Sets entry {@code k} of the scratch row. */
    abstract void set(int k, double value);

    /** {@code z_k = scale · (z_k + shift_k)}; a null shift adds nothing. */
    abstract void affine(double[] shift, double scale);

    /**
     * {@code z_j = e^{z_j - m}} for every j by a fast exp (relative error below 1e-7 in float and
     * 1e-15 in double where the result is a normal number; one below that comes out as 0 or as
     * another number that small); returns the sum of the new entries other than entry k, or NaN if
     * an entry was NaN or infinite. The offset m is {@code z_k}, the target's logit, which a
     * trained model puts near the top, when no entry lies far above it, which spares a pass to find
     * the row's maximum, and the maximum otherwise; {@link #offset()} tells which. Summing the
     * others apart keeps every digit of {@code 1 - p_k} where {@code p_k} is close to 1.
     */
    abstract double expAndSumOthers(int k);

    /** The offset m of the last {@link #expAndSumOthers}. */
    abstract double offset();

    /**
     * 0 when every entry of the row is finite, NaN otherwise: added to the value of a loss whose
     * formula can turn an infinite logit into a finite value, it still shows the bad entry.
     */
    abstract double nanUnlessFinite();

    /** {@code z_k = factor · z_k}. */
    abstract void scale(double factor);
}
