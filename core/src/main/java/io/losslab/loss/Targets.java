package io.losslab.loss;

import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The targets of a batch: one class per example, a 0/1 label set, soft label probabilities, or
 * another model's scores (for the {@code gp-kl} divergence).
 *
 * <p>Every target is validated once, when it is made, and kept on the host in Java arrays, where
 * the losses read it; {@link #matrix} builds it as an ND4J matrix on first use and keeps that too.
 *
 * <pre>{@code
 * Targets y = Targets.classes(new int[] {0, 2, 1}, 3);
 * Targets t = Targets.multiLabel(Nd4j.create(new double[][] {{1, 0, 1}}));
 * }</pre>
 */
public final class Targets {

    /** What a target matrix holds. */
    public enum Kind {
        /** One class index per example, read as a one-hot matrix. */
        CLASSES,
        /** A 0/1 matrix: any number of positive classes per example. */
        MULTI_LABEL,
        /** A matrix of probabilities in [0, 1]. */
        SOFT,
        /** A second matrix of logits. */
        SCORES
    }

    private final Kind kind;
    private final int numExamples;
    private final int numClasses;
    private final int[] labels;
    /** The N×K target matrix of the other kinds, row-major, on the host where the losses read it. */
    private final double[] values;
    private final Map<DataType, INDArray> byType = new EnumMap<>(DataType.class);

    private Targets(Kind kind, int numExamples, int numClasses, int[] labels, double[] values) {
        this.kind = kind;
        this.numExamples = numExamples;
        this.numClasses = numClasses;
        this.labels = labels;
        this.values = values;
    }

    /**
     * One class per example.
     *
     * @throws IllegalArgumentException if {@code numClasses < 1} or a label is outside
     *     {@code [0, numClasses)}
     */
    public static Targets classes(int[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, but is " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is outside [0, " + numClasses + ")");
            }
        }
        return new Targets(Kind.CLASSES, labels.length, numClasses, labels.clone(), null);
    }

    /** One class per example, from a vector of integer-valued labels. */
    public static Targets classes(INDArray labels, int numClasses) {
        return classes(labels.toIntVector(), numClasses);
    }

    /**
     * A 0/1 label matrix, N×K.
     *
     * @throws IllegalArgumentException if an entry is neither 0 nor 1
     */
    public static Targets multiLabel(INDArray zeroOne) {
        requireMatrix(zeroOne, "targets");
        double[] values = zeroOne.dup('c').data().asDouble();
        int k = (int) zeroOne.columns();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException("targets[" + i / k + ", " + i % k + "] = "
                        + values[i] + " is neither 0 nor 1; use Targets.soft for probabilities");
            }
        }
        return matrixTargets(Kind.MULTI_LABEL, zeroOne, values);
    }

    /**
     * A matrix of target probabilities in [0, 1], N×K, one per class and example.
     *
     * @throws IllegalArgumentException if an entry is outside [0, 1] or NaN
     */
    public static Targets soft(INDArray probabilities) {
        requireMatrix(probabilities, "soft targets");
        double[] values = probabilities.dup('c').data().asDouble();
        int k = (int) probabilities.columns();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("soft targets[" + i / k + ", " + i % k + "] = "
                        + values[i] + " is outside [0, 1]");
            }
        }
        return matrixTargets(Kind.SOFT, probabilities, values);
    }

    /**
     * A second matrix of logits, N×K, for divergences between two predictions.
     *
     * @throws IllegalArgumentException if an entry is NaN or infinite
     */
    public static Targets scores(INDArray otherLogits) {
        requireMatrix(otherLogits, "target scores");
        LossChecks.requireFinite(otherLogits, "target scores");
        return matrixTargets(Kind.SCORES, otherLogits, otherLogits.dup('c').data().asDouble());
    }

    /** Targets of {@code kind} whose row-major entries {@code values} were read from {@code m}. */
    private static Targets matrixTargets(Kind kind, INDArray m, double[] values) {
        return new Targets(kind, (int) m.rows(), (int) m.columns(), null, values);
    }

    private static void requireMatrix(INDArray m, String name) {
        if (m.rank() != 2) {
            throw new IllegalArgumentException(name + " must be an N×K matrix, but has shape "
                    + java.util.Arrays.toString(m.shape()));
        }
    }

    /** What the targets hold. */
    public Kind kind() {
        return kind;
    }

    /** N, the number of examples. */
    public int numExamples() {
        return numExamples;
    }

    /** K, the number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The class of each example.
     *
     * @throws IllegalStateException unless these are {@link Kind#CLASSES} targets
     */
    public int[] labels() {
        if (kind != Kind.CLASSES) {
            throw new IllegalStateException(kind + " targets have no single class per example");
        }
        return labels.clone();
    }

    /** The class of {@code example}, without the copy {@link #labels()} makes; class targets only. */
    int labelOf(int example) {
        return labels[example];
    }

    /** Entry {@code (example, k)} of the target matrix: 0 or 1 for class targets, read as one-hot. */
    double target(int example, int k) {
        if (kind == Kind.CLASSES) {
            return labels[example] == k ? 1 : 0;
        }
        return values[example * numClasses + k];
    }

    /**
     * The targets as an N×K matrix of the given data type (one-hot for class targets). The
     * array is shared: do not modify it. It is built outside any ND4J workspace, since it is kept
     * beyond the call that first asks for it.
     */
    public synchronized INDArray matrix(DataType type) {
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return byType.computeIfAbsent(type, this::buildMatrix);
        }
    }

    private INDArray buildMatrix(DataType type) {
        double[] entries = values;
        if (kind == Kind.CLASSES) {
            entries = new double[Math.multiplyExact(numExamples, numClasses)];
            for (int i = 0; i < numExamples; i++) {
                entries[i * numClasses + labels[i]] = 1;
            }
        }
        return Nd4j.create(entries, new long[] {numExamples, numClasses}, 'c').castTo(type);
    }
}
