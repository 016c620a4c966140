package io.losslab.loss;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Dataset;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.math.util.NoopNormalizer;
import org.tribuo.math.util.VectorNormalizer;

/**
 * Any single-label LossLab loss as a Tribuo {@link LabelObjective}, for Tribuo's
 * {@code LinearSGDTrainer}. The loss itself is not re-written: each call evaluates it on one
 * example. Configurable and with provenance, like Tribuo's own objectives: the spec and the class
 * counts it was bound to are recorded.
 *
 * <pre>{@code
 * LabelObjective focal = TribuoLossObjective.forDataset("focal(gamma=2)", train);
 * Model<Label> model = new LinearSGDTrainer(focal, new AdaGrad(0.1), 10, 1L).train(train);
 * }</pre>
 */
public final class TribuoLossObjective implements LabelObjective {

    @Config(mandatory = true, description = "The LossLab loss spec, e.g. focal(gamma=2).")
    private String loss;

    @Config(description = "Training examples per class, indexed by Tribuo's label id; "
            + "needed by losses that use the class distribution.")
    private long[] classCounts;

    private Loss bound;
    private int numClasses;

    /** For OLCUT's configuration system. */
    private TribuoLossObjective() {
    }

    /**
     * An objective for {@code spec}, bound to the class counts of {@code counts} (indexed by
     * Tribuo's label ids), or to none if {@code counts} is null.
     */
    public TribuoLossObjective(String spec, long[] counts) {
        this.loss = spec;
        this.classCounts = counts == null ? null : counts.clone();
        postConfig();
    }

    /** An objective for {@code spec}, bound to the class counts of the dataset it will train on. */
    public static TribuoLossObjective forDataset(String spec, Dataset<Label> dataset) {
        ImmutableOutputInfo<Label> info = dataset.getOutputIDInfo();
        long[] counts = new long[info.size()];
        for (Pair<String, Long> nameAndCount : info.outputCountsIterable()) {
            counts[info.getID(new Label(nameAndCount.getA()))] = nameAndCount.getB();
        }
        return new TribuoLossObjective(spec, counts);
    }

    /** Builds the loss after configuration; checks that it suits single-label training. */
    @Override
    public void postConfig() {
        Loss parsed = Losses.parse(loss);
        if (!parsed.acceptedTargets().contains(Targets.Kind.CLASSES)) {
            throw new IllegalArgumentException("loss = " + loss + " does not take single-label targets, "
                    + "so it cannot be a Tribuo LabelObjective");
        }
        bound = classCounts == null ? parsed : parsed.withClassCounts(classCounts);
        numClasses = classCounts == null ? -1 : classCounts.length;
    }

    /** The LossLab loss this objective evaluates. */
    public Loss loss() {
        return bound;
    }

    /**
     * Tribuo's convention: the negated loss and the negated gradient (the direction that
     * increases the score), as its own {@code LogMulticlass} returns them.
     */
    @Override
    public Pair<Double, SGDVector> lossAndGradient(Integer truth, SGDVector prediction) {
        int k = prediction.size();
        if (numClasses > 0 && k != numClasses) {
            throw new IllegalArgumentException("prediction has " + k + " classes but the objective was bound to "
                    + numClasses + " class counts");
        }
        var logits = Nd4j.createFromArray(new double[][] {prediction.toArray()});
        LossResult result = bound.compute(logits, Targets.classes(new int[] {truth}, k), Reduction.SUM);
        double[] ascent = result.gradient().neg().toDoubleVector();
        return new Pair<>(-result.value(), DenseVector.createDenseVector(ascent));
    }

    /** @deprecated Tribuo's old name; use {@link #lossAndGradient}. */
    @Deprecated
    @Override
    public Pair<Double, SGDVector> valueAndGradient(int truth, SGDVector prediction) {
        return lossAndGradient(truth, prediction);
    }

    @Override
    public VectorNormalizer getNormalizer() {
        return isProbabilistic() ? new ExpNormalizer() : new NoopNormalizer();
    }

    @Override
    public boolean isProbabilistic() {
        return bound.activation() == Loss.Activation.SOFTMAX;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "LabelObjective");
    }

    @Override
    public String toString() {
        return "TribuoLossObjective(" + bound.spec() + ")";
    }
}
