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

    /** Checks logits and targets against each other and against what {@code loss} accepts. */
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
        if (logits.rows() == 0) {
            throw new IllegalArgumentException("logits have no rows: a batch needs at least one example");
        }
        Set<Targets.Kind> accepted = loss.acceptedTargets();
        if (!accepted.contains(targets.kind())) {
            throw new IllegalArgumentException("targets of kind " + targets.kind() + " do not fit "
                    + loss.spec() + ", which takes " + accepted);
        }
        requireFinite(logits, "logits");
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
