package io.losslab.loss;

/**
 * {@code emo}: {@code ce} plus {@code weight ×} the expected transport cost
 * {@code Σ_i p_i C_{i,y}} with {@code C_{i,j} = 1 - cos(e_i, e_j)} for fixed class embeddings e:
 * mistakes between similar classes cost less than mistakes between distant ones. Without
 * embeddings every pair of classes is equally far apart and the cost is {@code 1 - p_y}.
 *
 * <p>The cost's gradient is {@code ∂/∂s_j Σ_i p_i c_i = p_j (c_j - Σ_i p_i c_i)}.
 */
final class EmoLoss extends SingleLabelLoss {

    private final double weight;
    /** C_{i,j} = 1 - cos(e_i, e_j), worked out once from the embeddings; null without them. */
    private final double[][] transportCost;

    EmoLoss(double weight, double[][] embeddings) {
        this.weight = LossChecks.requireAtLeast("emo", "weight", weight, 0);
        this.transportCost = embeddings == null ? null : cosineCost(copyOf(embeddings));
    }

    private static double[][] cosineCost(double[][] embeddings) {
        int k = embeddings.length;
        double[] norms = new double[k];
        for (int i = 0; i < k; i++) {
            norms[i] = Math.sqrt(dot(embeddings[i], embeddings[i]));
        }
        double[][] cost = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cost[i][j] = 1 - dot(embeddings[i], embeddings[j]) / (norms[i] * norms[j]);
            }
        }
        return cost;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }

    private static double[][] copyOf(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            copy[k] = rows[k].clone();
            if (copy[k].length != copy[0].length) {
                throw new IllegalArgumentException("emo: embeddings[" + k + "] has " + copy[k].length
                        + " entries but embeddings[0] has " + copy[0].length);
            }
            double norm = 0;
            for (double v : copy[k]) {
                norm += v * v;
            }
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("emo: embeddings[" + k + "] must be a finite non-zero vector");
            }
        }
        return copy;
    }

    @Override
    public String spec() {
        return "emo(weight=" + LossSpecs.format(weight) + ")";
    }

    @Override
    void checkClasses(int numClasses) {
        if (transportCost != null && transportCost.length != numClasses) {
            throw new IllegalArgumentException("emo: embeddings has " + transportCost.length
                    + " rows, but the logits have " + numClasses + " classes");
        }
    }

    @Override
    double example(LogitRow row, int label, double factor) {
        double logit = row.get(label);
        double others = row.expAndSumOthers(label);
        double sum = others + row.get(label);
        double picked = logit - row.offset();
        row.scale(1 / sum);
        double expected = 0;
        for (int k = 0; k < row.classes; k++) {
            expected += row.get(k) * cost(label, k);
        }
        // ∂/∂s_k of ce + weight·Σ p_i c_i is p_k - δ_ky + weight·p_k (c_k - Σ p_i c_i).
        for (int k = 0; k < row.classes; k++) {
            double p = row.get(k);
            row.set(k, factor * (p + weight * p * (cost(label, k) - expected)));
        }
        row.set(label, row.get(label) - factor);
        return Math.log(sum) - picked + weight * expected;
    }

    /** C_{y,k}: the cost of predicting class k when the truth is y. */
    private double cost(int label, int k) {
        if (transportCost == null) {
            return k == label ? 0 : 1;
        }
        return transportCost[label][k];
    }
}
