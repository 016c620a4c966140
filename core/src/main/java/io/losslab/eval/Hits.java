package io.losslab.eval;

/**
 * Per-class counts of hits (true positives), predictions and true members, and what follows from
 * them alone: each class's precision, recall and F1, defined the same way for single-label and
 * multi-label predictions.
 *
 * @param hits      examples of class k predicted as k
 * @param predicted examples predicted as k
 * @param present   examples of class k
 */
record Hits(long[] hits, long[] predicted, long[] present) {

    /** The precision of each class; NaN for a class never predicted. */
    double[] precision() {
        double[] precision = new double[hits.length];
        for (int k = 0; k < precision.length; k++) {
            precision[k] = predicted[k] == 0 ? Double.NaN : hits[k] / (double) predicted[k];
        }
        return precision;
    }

    /** The recall of each class; NaN for a class absent from the test set. */
    double[] recall() {
        double[] recall = new double[hits.length];
        for (int k = 0; k < recall.length; k++) {
            recall[k] = present[k] == 0 ? Double.NaN : hits[k] / (double) present[k];
        }
        return recall;
    }

    /** The F1 of class k; 0 without a hit, also where precision or recall is undefined. */
    double f1(int k) {
        return f1(hits[k], predicted[k], present[k]);
    }

    /**
     * {@code 2·tp / (2·tp + fp + fn)}, the harmonic mean of precision and recall, written with
     * {@code 2·tp + fp + fn = predicted + present}; 0 when both are 0.
     */
    static double f1(long hits, long predicted, long present) {
        long denominator = predicted + present;
        return denominator == 0 ? 0 : 2.0 * hits / denominator;
    }
}
