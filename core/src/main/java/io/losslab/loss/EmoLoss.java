package io.losslab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code emo}: {@code ce} plus {@code weight ×} the expected transport cost
 * {@code Σ_i p_i C_{i,y}} with {@code C_{i,j} = 1 - cos(e_i, e_j)} for fixed class embeddings e:
 * mistakes between similar classes cost less than mistakes between distant ones. Without
 * embeddings every pair of classes is equally far apart and the cost is {@code 1 - p_y}.
 *
 * <p>The cost's gradient is {@code ∂/∂s_j Σ_i p_i c_i = p_j (c_j - Σ_i p_i c_i)}.
 */
final class EmoLoss extends AbstractLoss {

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
    LossResult computeValid(INDArray logits, Targets targets, Reduction reduction) {
        INDArray oneHot = targets.matrix(logits.dataType());
        LossResult ce = LogitMath.crossEntropy(logits, oneHot, null, reduction, 1);
        if (weight == 0) {
            return ce;
        }
        INDArray p = Transforms.softmax(logits, true);
        INDArray cost = oneHot.mmul(costMatrix((int) logits.columns()).castTo(logits.dataType()));
        INDArray expected = p.mul(cost).sum(true, 1);
        double factor = reduction.factor(logits.rows());
        INDArray costGradient = cost.subiColumnVector(expected).muli(p).muli(weight * factor);
        double value = ce.value() + weight * factor * expected.sumNumber().doubleValue();
        return new LossResult(value, ce.gradient().addi(costGradient));
    }

    /** C_{y,i}: row y holds the cost of predicting each class i when the truth is y. */
    private INDArray costMatrix(int numClasses) {
        if (transportCost == null) {
            return Nd4j.ones(numClasses, numClasses).subi(Nd4j.eye(numClasses));
        }
        return Nd4j.createFromArray(transportCost);
    }
}
