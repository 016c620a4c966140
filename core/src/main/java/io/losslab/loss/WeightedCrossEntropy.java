package io.losslab.loss;

/**
 * {@code weighted-ce}: {@code w_y · ce}, with class weights either given or computed from the
 * training counts by a {@link ClassWeights} scheme. The mean divides by N, not by the weights'
 * sum, so that the normalisation of the scheme carries through.
 */
final class WeightedCrossEntropy extends SingleLabelLoss {

    private final ClassWeights scheme;
    private final double[] weights;

    private WeightedCrossEntropy(ClassWeights scheme, double[] weights) {
        this.scheme = scheme;
        this.weights = weights;
    }

    static WeightedCrossEntropy withScheme(ClassWeights scheme) {
        return new WeightedCrossEntropy(scheme, null);
    }

    static WeightedCrossEntropy withWeights(double[] weights) {
        for (int k = 0; k < weights.length; k++) {
            LossChecks.requireAtLeast("weighted-ce", "weights[" + k + "]", weights[k], 0);
        }
        return new WeightedCrossEntropy(null, weights.clone());
    }

    @Override
    public String spec() {
        return "weighted-ce(" + (scheme != null ? scheme.spec() : "weights=" + LossSpecs.format(weights)) + ")";
    }

    @Override
    public Loss withClassCounts(long[] counts) {
        return scheme == null ? this : new WeightedCrossEntropy(scheme, scheme.weights(counts));
    }

    @Override
    void checkClasses(int numClasses) {
        if (weights == null) {
            throw unbound(spec());
        }
        requireLength("weighted-ce", "weights", weights, numClasses);
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        double weight = weights[label];
        return weight * crossEntropy(row, label, weight * factor);
    }
}
