package io.losslab.loss;

/**
 * {@code weighted-ce}: {@code w_y · ce}, with class weights either given or computed from the
 * training counts by a {@link ClassWeights} scheme.
 *
 * <p>By default the mean divides by N, so that the normalisation of the scheme carries through.
 * Normalised by the weights, it divides by the batch's weight {@code Σ_n w_{y_n}} instead, as
 * PyTorch's {@code cross_entropy(weight=...)} does: a weighted average of the examples' ce, whose
 * scale no longer depends on how many rare examples the batch holds. {@code SUM} is N times the
 * mean either way, as for every loss; a batch whose examples all weigh 0 has the weighted mean 0,
 * with zero gradient, rather than {@code 0 / 0}.
 */
final class WeightedCrossEntropy extends SingleLabelLoss {

    private final ClassWeights scheme;
    private final double[] weights;
    private final boolean normaliseByWeights;

    private WeightedCrossEntropy(ClassWeights scheme, double[] weights, boolean normaliseByWeights) {
        this.scheme = scheme;
        this.weights = weights;
        this.normaliseByWeights = normaliseByWeights;
    }

    static WeightedCrossEntropy withScheme(ClassWeights scheme, boolean normaliseByWeights) {
        return new WeightedCrossEntropy(scheme, null, normaliseByWeights);
    }

    static WeightedCrossEntropy withWeights(double[] weights, boolean normaliseByWeights) {
        for (int k = 0; k < weights.length; k++) {
            LossChecks.requireAtLeast("weighted-ce", "weights[" + k + "]", weights[k], 0);
        }
        return new WeightedCrossEntropy(null, weights.clone(), normaliseByWeights);
    }

    @Override
    public String spec() {
        return "weighted-ce(" + (scheme != null ? scheme.spec() : "weights=" + LossSpecs.format(weights))
                + (normaliseByWeights ? ", normalise=weights" : "") + ")";
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        return scheme == null ? this : new WeightedCrossEntropy(scheme, scheme.weights(counts), normaliseByWeights);
    }

    @Override
    public boolean needsClassCounts() {
        return weights == null;
    }

    @Override
    void checkClasses(int numClasses) {
        if (needsClassCounts()) {
            throw unbound(spec());
        }
        requireLength("weighted-ce", "weights", weights, numClasses);
    }

    @Override
    double reductionFactor(Targets targets, Reduction reduction) {
        double factor = super.reductionFactor(targets, reduction);
        if (!normaliseByWeights) {
            return factor;
        }
        double batchWeight = 0;
        for (int example = 0; example < targets.numExamples(); example++) {
            batchWeight += weights[targets.labelOf(example)];
        }
        return batchWeight == 0 ? 0 : factor * targets.numExamples() / batchWeight;
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        double weight = weights[label];
        return weight * crossEntropy(row, label, weight * factor);
    }
}
