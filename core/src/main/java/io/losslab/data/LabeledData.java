package io.losslab.data;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A classification dataset: a feature matrix, one class index per example, the class names and a
 * description of where the data came from. Every loader, generator and transformation of this
 * package returns one; it converts to ND4J arrays and to a Tribuo dataset.
 *
 * <pre>{@code
 * LabeledData iris = BundledData.iris();
 * System.out.println(iris.stats());
 * INDArray x = iris.features().toINDArray();          // 150×4 FLOAT
 * MutableDataset<Label> tribuo = iris.toTribuo();
 * }</pre>
 */
public final class LabeledData implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FeatureMatrix features;
    private final int[] labels;
    private final List<String> classNames;
    private final String source;

    private LabeledData(FeatureMatrix features, int[] labels, List<String> classNames, String source) {
        this.features = features;
        this.labels = labels;
        this.classNames = classNames;
        this.source = source;
    }

    /**
     * A dataset from its parts; the labels are copied, the feature matrix is immutable already.
     *
     * @throws IllegalArgumentException if the labels and rows differ in number, a label is not a
     *     class index, or the class names are empty or repeat
     */
    public static LabeledData of(FeatureMatrix features, int[] labels, List<String> classNames, String source) {
        return create(features, labels.clone(), classNames, source);
    }

    /** As {@link #of} but takes ownership of {@code labels}. */
    static LabeledData create(FeatureMatrix features, int[] labels, List<String> classNames, String source) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must name at least one class, but is empty");
        }
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("classNames must be distinct, but are " + classNames);
        }
        if (labels.length != features.numRows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for "
                    + features.numRows() + " feature rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
        return new LabeledData(features, labels, List.copyOf(classNames), source);
    }

    /** The number of examples N. */
    public int size() {
        return labels.length;
    }

    /** The number of classes K. */
    public int numClasses() {
        return classNames.size();
    }

    /** The number of features D. */
    public int numFeatures() {
        return features.numColumns();
    }

    /** The N×D feature matrix. */
    public FeatureMatrix features() {
        return features;
    }

    /** The class index of every example, a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** The class index of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The feature names, by column. */
    public List<String> featureNames() {
        return features.names();
    }

    /** Where the data came from, e.g. a file name and what was done to it. */
    public String source() {
        return source;
    }

    /** The number of examples of each class. */
    public long[] classCounts() {
        long[] counts = new long[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The class distribution with the default many/medium/few-shot thresholds. */
    public ClassStats stats() {
        return ClassStats.of(classCounts(), classNames);
    }

    /** The class distribution with the given many/medium/few-shot thresholds. */
    public ClassStats stats(ShotThresholds thresholds) {
        return ClassStats.of(classCounts(), classNames, thresholds);
    }

    /** The same data with another source description; nothing is copied. */
    public LabeledData withSource(String newSource) {
        return new LabeledData(features, labels, classNames, newSource);
    }

    /** The given examples, in the given order, as a new dataset with the same classes. */
    public LabeledData subset(int[] rows, String newSource) {
        int[] selectedLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selectedLabels[i] = labels[rows[i]];
        }
        return new LabeledData(features.selectRows(rows), selectedLabels, classNames, newSource);
    }

    /** The labels as an INT32 vector of length N, the form {@code Targets.classes} takes. */
    public INDArray labelsINDArray() {
        return Nd4j.createFromArray(labels);
    }

    /**
     * The data as a Tribuo dataset, one dense example per row, labelled by class name; its
     * provenance is the source description.
     */
    public MutableDataset<Label> toTribuo() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(source, factory), factory);
        String[] names = features.names().toArray(String[]::new);
        Label[] classLabels = classNames.stream().map(Label::new).toArray(Label[]::new);
        for (int i = 0; i < labels.length; i++) {
            dataset.add(new ArrayExample<>(classLabels[labels[i]], names, features.rowAsDoubles(i)));
        }
        return dataset;
    }

    @Override
    public String toString() {
        return source + ": " + size() + " examples, " + numFeatures() + " features, " + numClasses() + " classes";
    }
}
