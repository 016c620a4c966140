package io.losslab.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A multi-label dataset: a feature matrix and, per example, any number of positive labels out of
 * L. Converts to the N×L 0/1 target matrix of the multi-label losses and to a Tribuo dataset.
 *
 * <pre>{@code
 * MultiLabelData data = SyntheticMultiLabel.random(10, new double[] {0.3, 0.1, 0.02}, 0.01, 1).sample(5000, 2);
 * INDArray targets = data.labelMatrix();          // 5000×3 FLOAT of 0 and 1
 * MutableDataset<MultiLabel> tribuo = data.toTribuo();
 * }</pre>
 */
public final class MultiLabelData {

    private final FeatureMatrix features;
    private final boolean[] labels;
    private final List<String> labelNames;
    private final String source;

    private MultiLabelData(FeatureMatrix features, boolean[] labels, List<String> labelNames, String source) {
        this.features = features;
        this.labels = labels;
        this.labelNames = labelNames;
        this.source = source;
    }

    /**
     * A dataset from its parts; {@code labels[i][l]} says whether example i has label l.
     *
     * @throws IllegalArgumentException if the label rows and feature rows differ in number, a row
     *     has the wrong length, or the label names are empty or repeat
     */
    public static MultiLabelData of(FeatureMatrix features, boolean[][] labels, List<String> labelNames, String source) {
        if (labels.length != features.numRows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " rows for " + features.numRows()
                    + " feature rows");
        }
        boolean[] flat = new boolean[Math.multiplyExact(labels.length, labelNames.size())];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].length != labelNames.size()) {
                throw new IllegalArgumentException("labels[" + i + "] has " + labels[i].length + " entries for "
                        + labelNames.size() + " labels");
            }
            System.arraycopy(labels[i], 0, flat, i * labelNames.size(), labelNames.size());
        }
        return create(features, flat, labelNames, source);
    }

    /** As {@link #of} with the labels flat, row-major, taking ownership of the array. */
    static MultiLabelData create(FeatureMatrix features, boolean[] labels, List<String> labelNames, String source) {
        Set<String> distinct = new HashSet<>(labelNames);
        if (labelNames.isEmpty() || distinct.size() != labelNames.size() || distinct.contains("")) {
            throw new IllegalArgumentException("labelNames must be distinct, non-empty names, but are " + labelNames);
        }
        return new MultiLabelData(features, labels, List.copyOf(labelNames), source);
    }

    /** The number of examples N. */
    public int size() {
        return features.numRows();
    }

    /** The number of labels L. */
    public int numLabels() {
        return labelNames.size();
    }

    /** The N×D feature matrix. */
    public FeatureMatrix features() {
        return features;
    }

    /** The label names, by label index. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Where the data came from. */
    public String source() {
        return source;
    }

    /** Whether example {@code i} has label {@code l}. */
    public boolean hasLabel(int i, int l) {
        if (l < 0 || l >= numLabels()) {
            throw new IndexOutOfBoundsException("label " + l + " is outside [0, " + numLabels() + ")");
        }
        return labels[i * numLabels() + l];
    }

    /** The labels of example {@code i}, as label indices in increasing order. */
    public int[] labelsOf(int i) {
        return IntStream.range(0, numLabels()).filter(l -> hasLabel(i, l)).toArray();
    }

    /** The labels of example {@code i} as a Tribuo {@link MultiLabel}, empty for an example with none. */
    public MultiLabel multiLabel(int i) {
        Set<Label> positive = new HashSet<>();
        for (int l : labelsOf(i)) {
            positive.add(new Label(labelNames.get(l)));
        }
        return new MultiLabel(positive);
    }

    /** How many examples have each label. */
    public long[] positiveCounts() {
        long[] counts = new long[numLabels()];
        for (int p = 0; p < labels.length; p++) {
            if (labels[p]) {
                counts[p % numLabels()]++;
            }
        }
        return counts;
    }

    /** The N×L FLOAT matrix of 0 and 1 that {@code Targets.multiLabel} takes. */
    public INDArray labelMatrix() {
        float[] values = new float[labels.length];
        for (int p = 0; p < labels.length; p++) {
            values[p] = labels[p] ? 1f : 0f;
        }
        return Nd4j.create(values, new long[] {size(), numLabels()}, DataType.FLOAT);
    }

    /** The data as a Tribuo dataset, one dense example per row; an example with no label has an empty label set. */
    public MutableDataset<MultiLabel> toTribuo() {
        MultiLabelFactory factory = new MultiLabelFactory();
        MutableDataset<MultiLabel> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(source, factory),
                factory);
        String[] names = features.names().toArray(String[]::new);
        for (int i = 0; i < size(); i++) {
            dataset.add(new ArrayExample<>(multiLabel(i), names, features.rowAsDoubles(i)));
        }
        return dataset;
    }

    @Override
    public String toString() {
        return source + ": " + size() + " examples, " + features.numColumns() + " features, " + numLabels() + " labels";
    }
}
