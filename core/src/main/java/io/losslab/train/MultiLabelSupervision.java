package io.losslab.train;

import io.losslab.data.MultiLabelData;
import io.losslab.loss.Targets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.DatasetProvenance;

/**
 * A multi-label training set as the trainer uses it: N×D features and an N×L target matrix, 0/1
 * or soft, on the ND4J device, with the Tribuo domains a model needs. Every epoch is a shuffle,
 * and there is no validation set.
 *
 * @param features     N×D FLOAT, column j the feature {@code featureNames.get(j)}
 * @param targets      N×L FLOAT, column l the label {@code labelNames.get(l)}
 * @param kind         {@link Targets.Kind#MULTI_LABEL} for 0/1 targets, else {@link Targets.Kind#SOFT}
 * @param labelNames   label names by column
 * @param featureNames feature names by column
 * @param featureMap   Tribuo's feature domain
 * @param outputInfo   Tribuo's label domain
 * @param provenance   where the data came from
 */
record MultiLabelSupervision(INDArray features, INDArray targets, Targets.Kind kind, List<String> labelNames,
        List<String> featureNames, ImmutableFeatureMap featureMap, ImmutableOutputInfo<MultiLabel> outputInfo,
        DatasetProvenance provenance) implements Supervision {

    /**
     * A LossLab dataset with its own 0/1 labels, or with {@code targets} (N×L, in [0, 1]) in
     * their place when not null.
     *
     * @throws IllegalArgumentException if the set is empty, or the targets have the wrong shape
     *     or an entry outside [0, 1]
     */
    static MultiLabelSupervision of(MultiLabelData data, INDArray targets) {
        TrainingData.requireExamples(TrainingData.TRAINING_SET, data.size());
        INDArray matrix = targets == null ? data.labelMatrix() : requireShape(targets, data).castTo(DataType.FLOAT);
        INDArray features = data.features().toINDArray();
        MutableOutputInfo<MultiLabel> outputs = new MultiLabelFactory().generateInfo();
        for (int i = 0; i < data.size(); i++) {
            outputs.observe(data.multiLabel(i));
        }
        return new MultiLabelSupervision(features, matrix, kindOf(matrix), data.labelNames(), data.features().names(),
                TrainingData.featureMap(data.features()), outputs.generateImmutableOutputInfo(),
                new LabeledDataProvenance(data));
    }

    /**
     * A Tribuo dataset, densified: column j is the feature of Tribuo id j and column l of the
     * targets the label of Tribuo id l, so the model shares the dataset's domains.
     */
    static MultiLabelSupervision of(Dataset<MultiLabel> dataset) {
        TrainingData.requireExamples(TrainingData.TRAINING_SET, dataset.size());
        ImmutableFeatureMap featureMap = dataset.getFeatureIDMap();
        ImmutableOutputInfo<MultiLabel> outputInfo = dataset.getOutputIDInfo();
        int labels = outputInfo.size();
        float[] targets = new float[Math.multiplyExact(dataset.size(), labels)];
        int row = 0;
        for (Example<MultiLabel> example : dataset) {
            for (String name : example.getOutput().getNameSet()) {
                targets[row * labels + outputInfo.getID(new MultiLabel(name))] = 1;
            }
            row++;
        }
        List<String> labelNames = new ArrayList<>();
        for (int l = 0; l < labels; l++) {
            labelNames.add(outputInfo.getOutput(l).getLabelString());
        }
        INDArray matrix = Nd4j.create(targets, new long[] {dataset.size(), labels}, DataType.FLOAT);
        return new MultiLabelSupervision(DenseRows.inOwnDomain(dataset), matrix, Targets.Kind.MULTI_LABEL,
                List.copyOf(labelNames), DenseRows.featureNames(featureMap), featureMap, outputInfo,
                dataset.getProvenance());
    }

    private static INDArray requireShape(INDArray targets, MultiLabelData data) {
        if (targets.rank() != 2 || targets.rows() != data.size() || targets.columns() != data.numLabels()) {
            throw new IllegalArgumentException("targets must be " + data.size() + "×" + data.numLabels()
                    + ", one row per example and one column per label of " + data.source() + ", but have shape "
                    + Arrays.toString(targets.shape()));
        }
        Targets.soft(targets);
        return targets;
    }

    /** 0/1 targets are multi-label ones, which every multi-label loss takes; anything else is soft. */
    private static Targets.Kind kindOf(INDArray matrix) {
        // t(1 - t) vanishes exactly at 0 and 1.
        boolean soft = matrix.mul(matrix.rsub(1.0)).neq(0.0).any();
        return soft ? Targets.Kind.SOFT : Targets.Kind.MULTI_LABEL;
    }

    @Override
    public int outputs() {
        return labelNames.size();
    }

    /** Positives per label: the column sums of the targets, soft ones rounded. */
    @Override
    public long[] counts() {
        double[] sums = targets.sum(0).toDoubleVector();
        long[] counts = new long[sums.length];
        for (int l = 0; l < sums.length; l++) {
            counts[l] = Math.round(sums[l]);
        }
        return counts;
    }

    @Override
    public BatchSampler sampler(NdTrainer.Sampling sampling) {
        return new BatchSampler((int) features.rows());
    }

    @Override
    public Targets targets(int[] rows) {
        INDArray batch = Nd4j.pullRows(targets, 1, rows);
        return kind == Targets.Kind.MULTI_LABEL ? Targets.multiLabel(batch) : Targets.soft(batch);
    }

    @Override
    public Scoring.Evaluation validate(Scoring scoring) {
        return null;
    }
}
