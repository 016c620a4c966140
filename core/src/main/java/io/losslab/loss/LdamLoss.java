package io.losslab.loss;


/**
 * {@code ldam}: label-distribution-aware margins (Cao et al. 2019), {@code ce} on
 * {@code scale · (s - Δ·onehot(y))} with {@code Δ_k = C / n_k^{1/4}}: rare classes must win by a
 * wider margin. The paper uses normalised features with scale 30 and picks C so that the largest
 * margin is 0.5; on raw logits scale 1 is the safer start.
 */
final class LdamLoss extends SingleLabelLoss {

    private final double c;
    private final double scale;
    private final double[] margins;

    private LdamLoss(double c, double scale, double[] margins) {
        this.c = LossChecks.requireAtLeast("ldam", "c", c, 0);
        this.scale = LossChecks.requirePositive("ldam", "scale", scale);
        this.margins = margins;
    }

    LdamLoss(double c, double scale) {
        this(c, scale, null);
    }

    @Override
    public String spec() {
        return "ldam(c=" + LossSpecs.format(c) + ", scale=" + LossSpecs.format(scale) + ")";
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        double[] delta = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] <= 0) {
                throw new IllegalArgumentException("counts[" + k + "] = " + counts[k]
                        + " must be positive: ldam's margin divides by each class count");
            }
            delta[k] = c / Math.pow(counts[k], 0.25);
        }
        return new LdamLoss(c, scale, delta);
    }

    @Override
    void checkClasses(int numClasses) {
        if (margins == null) {
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
