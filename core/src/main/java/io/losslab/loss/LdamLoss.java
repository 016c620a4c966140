package io.losslab.loss;

import java.util.Arrays;

/**
 * {@code ldam}: label-distribution-aware margins (Cao et al. 2019), {@code ce} on
 * {@code scale · (s - Δ·onehot(y))} with {@code Δ_k ∝ 1 / n_k^{1/4}}: rare classes must win by a
 * wider margin. By default the margins are raw, {@code Δ_k = C / n_k^{1/4}}; rescaled, as in the
 * paper's code, they are multiplied so that the largest, the rarest class's, is C. The paper uses
 * normalised features with scale 30 and a largest margin of 0.5; on raw logits scale 1 is the
 * safer start.
 */
final class LdamLoss extends SingleLabelLoss {

    private final double c;
    private final double scale;
    private final boolean rescaled;
    private final double[] margins;

    private LdamLoss(double c, double scale, boolean rescaled, double[] margins) {
        this.c = LossChecks.requireAtLeast("ldam", "c", c, 0);
        this.scale = LossChecks.requirePositive("ldam", "scale", scale);
        this.rescaled = rescaled;
        this.margins = margins;
    }

    LdamLoss(double c, double scale, boolean rescaled) {
        this(c, scale, rescaled, null);
    }

    @Override
    public String spec() {
        return "ldam(c=" + LossSpecs.format(c) + ", scale=" + LossSpecs.format(scale)
                + (rescaled ? ", margins=rescaled" : "") + ")";
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] <= 0) {
                throw new IllegalArgumentException("counts[" + k + "] = " + counts[k]
                        + " must be positive: ldam's margin divides by each class count");
            }
        }
        // Rescaling multiplies every raw margin by the rarest class's n^{1/4}, which makes its margin C.
        double rescaling = rescaled ? Math.pow(Arrays.stream(counts).min().orElse(1), 0.25) : 1;
        double[] delta = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            delta[k] = c * rescaling / Math.pow(counts[k], 0.25);
        }
        return new LdamLoss(c, scale, rescaled, delta);
    }

    @Override
    public boolean needsClassCounts() {
        return margins == null;
    }

    @Override
    void checkClasses(int numClasses) {
        if (needsClassCounts()) {
            throw unbound(spec());
        }
        requireLength("ldam", "class counts", margins, numClasses);
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        row.set(label, row.get(label) - margins[label]);
        row.affine(null, scale);
        return crossEntropy(row, label, factor * scale);
    }
}
