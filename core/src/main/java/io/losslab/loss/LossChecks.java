package io.losslab.loss;

import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** The argument checks every loss makes before it computes anything. */
final class LossChecks {

    private LossChecks() {
    }

    /**
     * Checks logits and targets against each other and against what {@code loss} accepts; whether
     * the logits are finite is left to the pass over them, which refuses a bad batch after it.
     */
    static void requireValidBatch(Loss loss, INDArray logits, Targets targets) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("logits must be an N×K matrix, but have shape "
                    + Arrays.toString(logits.shape()));
        }
        DataType type = logits.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("logits must be FLOAT or DOUBLE, but are " + type);
        }
        if (logits.rows() != targets.numExamples() || logits.columns() != targets.numClasses()) {
            throw new IllegalArgumentException("logits have shape " + logits.rows() + "×"
                    + logits.columns() + " but targets have " + targets.numExamples() + " examples of "
                    + targets.numClasses() + " classes");
        }
        requireFittingTargets(loss, targets);
    }

    /** Checks that {@code gradient} has the shape and data type of {@code logits}. */
    static void requireGradientFor(INDArray logits, INDArray gradient) {
        if (!Arrays.equals(gradient.shape(), logits.shape()) || gradient.dataType() != logits.dataType()) {
            throw new IllegalArgumentException("gradient must be " + logits.dataType() + " of shape "
                    + Arrays.toString(logits.shape()) + " like the logits, but is " + gradient.dataType() + " of shape "
                    + Arrays.toString(gradient.shape()));
        }
    }

    /** Checks host logits and the gradient array against the targets and against what {@code loss} accepts. */
    static void requireValidHostBatch(Loss loss, int logitsLength, int gradientLength, Targets targets) {
        long entries = (long) targets.numExamples() * targets.numClasses();
        if (logitsLength != entries) {
            throw new IllegalArgumentException("logits have " + logitsLength + " values but targets have "
                    + targets.numExamples() + " examples of " + targets.numClasses() + " classes, which need " + entries);
        }
        if (gradientLength != entries) {
            throw new IllegalArgumentException("gradient has room for " + gradientLength + " values but the logits have "
                    + entries);
        }
        requireFittingTargets(loss, targets);
    }

    private static void requireFittingTargets(Loss loss, Targets targets) {
        if (targets.numExamples() == 0) {
            throw new IllegalArgumentException("logits have no rows: a batch needs at least one example");
        }
        Set<Targets.Kind> accepted = loss.acceptedTargets();
        if (!accepted.contains(targets.kind())) {
            throw new IllegalArgumentException("targets of kind " + targets.kind() + " do not fit "
                    + loss.spec() + ", which takes " + accepted);
        }
    }

    /**
     * Checks that {@code array} has no NaN or infinite entry. A finite sum proves it in one pass;
     * only when the sum is not finite (a bad entry, or an overflow of finite ones) are the bad
     * entries counted.
     */
    static void requireFinite(INDArray array, String name) {
        if (Double.isFinite(array.sumNumber().doubleValue())) {
            return;
        }
        long nan = count(array, new MatchCondition(array, Conditions.isNan()));
        long infinite = count(array, new MatchCondition(array, Conditions.isInfinite()));
        requireNoneBad(name, nan, infinite);
    }

    /** Checks that none of {@code batch}'s logits is NaN or infinite, by counting them. */
    static void requireFinite(HostBatch batch) {
        long[] bad = batch.countNonFinite();
        requireNoneBad("logits", bad[0], bad[1]);
    }

    /**
     * Checks the logits of a host pass whose result came out NaN, the mark that a logit which is
     * NaN or infinite leaves; any other result needs no check.
     */
    static void requireFiniteWhenNaN(double result, HostBatch batch) {
        if (Double.isNaN(result)) {
            requireFinite(batch);
        }
    }

    private static void requireNoneBad(String name, long nan, long infinite) {
        if (nan + infinite > 0) {
            throw new IllegalArgumentException(name + " must be finite, but " + nan + " entries are NaN and "
                    + infinite + " are infinite");
        }
    }

    private static long count(INDArray array, MatchCondition condition) {
        return Nd4j.getExecutioner().exec(condition).getLong(0);
    }

    /** Checks a scalar parameter of a loss. */
    static double requireAtLeast(String loss, String parameter, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(loss + ": " + parameter + " must be a finite number >= "
                    + LossSpecs.format(min) + ", but is " + value);
        }
        return value;
    }

    /** Checks a scalar parameter of a loss that must be strictly positive. */
    static double requirePositive(String loss, String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(loss + ": " + parameter + " must be a finite number > 0, but is "
                    + value);
        }
        return value;
    }
}
