package io.losslab.loss;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Any LossLab loss as an ND4J {@link ILossFunction}, for the output and loss layers of
 * Deeplearning4j networks. The loss itself is not re-written: value, per-example scores and
 * gradient come from {@link Loss#compute(INDArray, Targets, Reduction)}.
 *
 * <pre>{@code
 * new OutputLayer.Builder(new LossLabLossFunction("focal(gamma=2)"))
 *         .activation(Activation.IDENTITY).nIn(64).nOut(10).build();
 * }</pre>
 *
 * <p>It follows the contract of DL4J's own loss functions: the gradient is that of the sum over
 * the examples (DL4J divides it by the minibatch size itself), and the averaged score is that sum
 * divided by all the rows of the batch, masked ones included. A per-example mask (N×1, 0 or 1)
 * drops examples: the loss is computed on the others alone, and the dropped ones have score and
 * gradient 0. LossLab's losses are computed over whole rows of logits, so a per-output mask (N×K)
 * is taken only when each of its rows is all 0 or all 1.
 *
 * <p>Labels are N×K, as DL4J gives them: one-hot rows for a single-label loss (one class per
 * example), 0/1 rows for a multi-label one ({@code zlpr}, {@code sigmoid-ce}), probabilities for
 * a loss that takes soft targets, the other pass's logits for {@code gp-kl}.
 *
 * <p>DL4J keeps the loss function in its JSON configuration (and so in {@code ModelSerializer}'s
 * files) as its spec and class counts; the loss is built again from them when it is read.
 */
public final class LossLabLossFunction implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty("spec")
    private final String spec;

    @JsonProperty("classCounts")
    private final long[] classCounts;

    /** The loss the spec names, bound to the class counts; rebuilt from them after deserialisation. */
    private final transient Loss loss;

    /**
     * The loss {@code spec} names, for losses that do not use the class distribution.
     *
     * @throws IllegalArgumentException for a bad spec, or one that needs the training class counts
     */
    public LossLabLossFunction(String spec) {
        this(spec, null);
    }

    /**
     * The loss {@code spec} names, bound to the training set's {@code classCounts} (indexed by the
     * network's output columns); null counts for losses that do not need them.
     *
     * @throws IllegalArgumentException for a bad spec or counts, or a spec that needs counts
     *     given none
     */
    @JsonCreator
    public LossLabLossFunction(@JsonProperty("spec") String spec, @JsonProperty("classCounts") long[] classCounts) {
        Loss parsed = Losses.parse(spec);
        if (classCounts == null && parsed.needsClassCounts()) {
            throw new IllegalArgumentException("loss spec " + spec + " needs the training class counts: "
                    + "build it with new LossLabLossFunction(spec, classCounts)");
        }
        this.spec = spec;
        this.classCounts = classCounts == null ? null : classCounts.clone();
        this.loss = classCounts == null ? parsed : parsed.withClassCounts(this.classCounts);
    }

    /** Java deserialisation restores the spec and counts; the loss is built from them again. */
    private Object readResolve() {
        return new LossLabLossFunction(spec, classCounts);
    }

    /** The loss spec, as given. */
    public String spec() {
        return spec;
    }

    /** The class counts the loss is bound to, or null if it was given none. */
    public long[] classCounts() {
        return classCounts == null ? null : classCounts.clone();
    }

    /** The LossLab loss this function evaluates. */
    public Loss loss() {
        return loss;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        MaskedBatch batch = new MaskedBatch(labels, preOutput, activationFn, mask);
        return batch.isEmpty() ? 0 : reduced(sumOver(batch).value(), batch, average);
    }

    /** Each example's loss on its own, as a batch of one (0 for a masked example): an N×1 column. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        MaskedBatch batch = new MaskedBatch(labels, preOutput, activationFn, mask);
        INDArray scores = Nd4j.zeros(preOutput.dataType(), preOutput.rows(), 1);
        if (batch.isEmpty()) {
            return scores;
        }
        // Every example is read as the batch's kind of targets, which a lone row could change.
        Targets.Kind kind = kindFor(batch.labels);
        for (int i = 0; i < batch.kept.length; i++) {
            INDArray row = batch.logits.getRow(i, true);
            double value = loss.compute(row, targetsOfKind(batch.labels.getRow(i, true), kind), Reduction.SUM).value();
            scores.putScalar(batch.kept[i], 0, value);
        }
        return scores;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return computeGradientAndScore(labels, preOutput, activationFn, mask, false).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        MaskedBatch batch = new MaskedBatch(labels, preOutput, activationFn, mask);
        if (batch.isEmpty()) {
            return new Pair<>(0.0, batch.zeroGradient());
        }
        LossResult sum = sumOver(batch);
        return new Pair<>(reduced(sum.value(), batch, average), batch.spread(sum.gradient()));
    }

    /** The loss summed over the kept examples, with its gradient. */
    private LossResult sumOver(MaskedBatch batch) {
        return loss.compute(batch.logits, targetsFor(batch.labels), Reduction.SUM);
    }

    /** DL4J's average divides by every row of the batch, as its gradient is later divided. */
    private static double reduced(double sum, MaskedBatch batch, boolean average) {
        return average ? sum / batch.rows : sum;
    }

    /** The targets DL4J's label rows stand for, of a kind the loss takes. */
    private Targets targetsFor(INDArray labels) {
        return targetsOfKind(labels, kindFor(labels));
    }

    /**
     * The kind of targets a batch of label rows is read as: one class per example for a softmax
     * loss given one-hot rows, else 0/1 label sets, else probabilities, as far as the loss takes
     * them; the other pass's logits for a loss that takes only those.
     */
    private Targets.Kind kindFor(INDArray labels) {
        Set<Targets.Kind> accepted = loss.acceptedTargets();
        if (!accepted.contains(Targets.Kind.CLASSES) && accepted.contains(Targets.Kind.SCORES)) {
            return Targets.Kind.SCORES;
        }
        double[][] rows = labels.toDoubleMatrix();
        int notOneHot = firstRowNotOneHot(rows);
        if (notOneHot < 0 && loss.activation() == Loss.Activation.SOFTMAX && accepted.contains(Targets.Kind.CLASSES)) {
            return Targets.Kind.CLASSES;
        }
        if (!accepted.contains(Targets.Kind.MULTI_LABEL)) {
            throw new IllegalArgumentException("labels row " + notOneHot + " = " + Arrays.toString(rows[notOneHot])
                    + " is not one-hot, but " + spec + " takes one class per example");
        }
        int[] notZeroOne = firstEntryNotZeroOne(rows);
        if (notZeroOne == null) {
            return Targets.Kind.MULTI_LABEL;
        }
        if (!accepted.contains(Targets.Kind.SOFT)) {
            throw new IllegalArgumentException("labels[" + notZeroOne[0] + ", " + notZeroOne[1] + "] = "
                    + rows[notZeroOne[0]][notZeroOne[1]] + " is neither 0 nor 1, but " + spec + " takes 0/1 labels");
        }
        return Targets.Kind.SOFT;
    }

    private static Targets targetsOfKind(INDArray labels, Targets.Kind kind) {
        return switch (kind) {
            case CLASSES -> Targets.classes(labels.argMax(1), (int) labels.columns());
            case MULTI_LABEL -> Targets.multiLabel(labels);
            case SOFT -> Targets.soft(labels);
            case SCORES -> Targets.scores(labels);
        };
    }

    /** The first row that is not a one-hot vector, or -1 if all are. */
    private static int firstRowNotOneHot(double[][] rows) {
        for (int n = 0; n < rows.length; n++) {
            int ones = 0;
            for (double entry : rows[n]) {
                if (entry == 1) {
                    ones++;
                } else if (entry != 0) {
                    return n;
                }
            }
            if (ones != 1) {
                return n;
            }
        }
        return -1;
    }

    /** The row and column of the first entry that is neither 0 nor 1, or null if there is none. */
    private static int[] firstEntryNotZeroOne(double[][] rows) {
        for (int n = 0; n < rows.length; n++) {
            for (int k = 0; k < rows[n].length; k++) {
                if (rows[n][k] != 0 && rows[n][k] != 1) {
                    return new int[] {n, k};
                }
            }
        }
        return null;
    }

    /** The spec, as DL4J names its loss functions. */
    @Override
    public String name() {
        return spec;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LossLabLossFunction that && spec.equals(that.spec)
                && Arrays.equals(classCounts, that.classCounts);
    }

    @Override
    public int hashCode() {
        return 31 * spec.hashCode() + Arrays.hashCode(classCounts);
    }

    @Override
    public String toString() {
        return "LossLabLossFunction(" + spec + (classCounts == null ? "" : ", classCounts=" + Arrays.toString(classCounts))
                + ")";
    }

    /**
     * A DL4J batch checked against the loss, with the examples its mask keeps: their logits and
     * labels, and where they sit among the batch's rows.
     */
    private final class MaskedBatch {

        final long rows;
        final int[] kept;
        final INDArray logits;
        final INDArray labels;
        private final INDArray preOutput;

        MaskedBatch(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
            requireIdentity(activationFn);
            requireMatchingShapes(labels, preOutput);
            this.preOutput = preOutput;
            this.rows = preOutput.rows();
            this.kept = keptRows(mask, preOutput);
            // With every row kept, or none (and nothing to compute), there are no rows to pick out.
            boolean pickRows = kept.length > 0 && kept.length < rows;
            this.logits = pickRows ? preOutput.getRows(kept) : preOutput;
            this.labels = pickRows ? labels.getRows(kept) : labels;
        }

        boolean isEmpty() {
            return kept.length == 0;
        }

        /** A gradient of zeros, of the layer's output's shape and data type. */
        INDArray zeroGradient() {
            return preOutput.ulike().assign(0);
        }

        /** The kept examples' gradient rows in their places, zeros in the masked examples' rows. */
        INDArray spread(INDArray keptGradient) {
            if (kept.length == rows) {
                return keptGradient;
            }
            INDArray full = zeroGradient();
            for (int i = 0; i < kept.length; i++) {
                full.putRow(kept[i], keptGradient.getRow(i));
            }
            return full;
        }

        private void requireIdentity(IActivation activationFn) {
            if (!(activationFn instanceof ActivationIdentity)) {
                throw new IllegalArgumentException("the layer's activation is " + activationFn + ", but " + spec
                        + " takes logits: set the layer's activation to Activation.IDENTITY");
            }
        }

        private static void requireMatchingShapes(INDArray labels, INDArray preOutput) {
            if (preOutput.rank() != 2 || !Arrays.equals(labels.shape(), preOutput.shape())) {
                throw new IllegalArgumentException("labels of shape " + Arrays.toString(labels.shape())
                        + " do not fit the layer's output of shape " + Arrays.toString(preOutput.shape())
                        + ": both must be N×K");
            }
        }

        /**
         * The rows a per-example mask (N×1) keeps, or a per-output mask (N×K) whose rows are each
         * all 0 or all 1; every row without a mask.
         */
        private static int[] keptRows(INDArray mask, INDArray preOutput) {
            int rows = (int) preOutput.rows();
            if (mask == null) {
                return IntStream.range(0, rows).toArray();
            }
            long columns = mask.length() / Math.max(rows, 1);
            if (mask.rank() > 2 || mask.size(0) != rows || (columns != 1 && columns != preOutput.columns())) {
                throw new IllegalArgumentException("mask of shape " + Arrays.toString(mask.shape())
                        + " fits neither the examples (" + rows + "×1) nor the outputs ("
                        + rows + "×" + preOutput.columns() + ")");
            }
            double[][] entries = mask.reshape(rows, columns).toDoubleMatrix();
            return IntStream.range(0, rows).filter(n -> isKept(entries[n], n)).toArray();
        }

        private static boolean isKept(double[] maskRow, int n) {
            for (double entry : maskRow) {
                if (entry != maskRow[0]) {
                    throw new IllegalArgumentException("mask row " + n + " = " + Arrays.toString(maskRow)
                            + " masks some outputs of the example but not others, and a LossLab loss is computed "
                            + "over all of an example's outputs: mask whole examples");
                }
            }
            if (maskRow[0] != 0 && maskRow[0] != 1) {
                throw new IllegalArgumentException("mask row " + n + " holds " + maskRow[0]
                        + ", but a mask holds 0 (drop the example) or 1 (keep it)");
            }
            return maskRow[0] == 1;
        }
    }
}
