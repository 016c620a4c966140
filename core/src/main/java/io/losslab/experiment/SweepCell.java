package io.losslab.experiment;

import io.losslab.eval.Format;
import java.io.Serializable;

/**
 * One run of a {@link Sweep}: a contender trained on the training set made long-tailed with ρ,
 * with one seed. The seed decides everything random in the run: which examples the long tail
 * keeps, the network's first weights and the order of the batches.
 *
 * <pre>{@code
 * SweepCell cell = new SweepCell("focal(gamma=2)", 100, 3);
 * SweepCell asGiven = new SweepCell("ce", SweepCell.AS_GIVEN, 0);   // the training set as it is
 * }</pre>
 *
 * @param contender the contender's name, as its row in the table is named
 * @param rho       the imbalance ratio of the exponential long tail, or {@link #AS_GIVEN}
 * @param seed      the run's seed
 */
public record SweepCell(String contender, double rho, long seed) implements Serializable {

    /** The ρ of a run on the training set as it is, with no long tail made. */
    public static final double AS_GIVEN = 0;

    /**
     * Checks the cell.
     *
     * @throws IllegalArgumentException if the contender is blank, or ρ is neither {@link #AS_GIVEN}
     *     nor a finite ratio of at least 1
     */
    public SweepCell {
        if (contender == null || contender.isBlank()) {
            throw new IllegalArgumentException("contender must be given, but is '" + contender + "'");
        }
        if (rho != AS_GIVEN && !(rho >= 1 && rho < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rho must be a finite ratio of at least 1 (or AS_GIVEN), but is " + rho);
        }
    }

    /** Whether the run makes the training set long-tailed first. */
    public boolean longTailed() {
        return rho != AS_GIVEN;
    }

    /** {@code focal(gamma=2), ρ = 100, seed 3}. */
    @Override
    public String toString() {
        return contender + (longTailed() ? ", ρ = " + Format.number(rho) : "") + ", seed " + seed;
    }
}
