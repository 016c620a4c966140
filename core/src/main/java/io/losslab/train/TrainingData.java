package io.losslab.train;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.DatasetProvenance;

/**
 * A training set as the trainer uses it: an N×D FLOAT matrix on the ND4J device, one class index
 * per row, and the Tribuo feature and output domains a model needs, from a {@link LabeledData} or
 * a Tribuo dataset.
 *
 * @param features     N×D, column j the feature {@code featureNames.get(j)}
 * @param labels       the class index of each row
 * @param classNames   class names by class index
 * @param featureNames feature names by column
 * @param counts       examples per class
 * @param featureMap   Tribuo's feature domain
 * @param outputInfo   Tribuo's label domain
 * @param provenance   where the data came from
 */
record TrainingData(INDArray features, int[] labels, List<String> classNames, List<String> featureNames,
        long[] counts, ImmutableFeatureMap featureMap, ImmutableOutputInfo<Label> outputInfo,
        DatasetProvenance provenance) {

    /** What messages call the data a trainer is given. */
    static final String TRAINING_SET = "the training set";

    int size() {
        return labels.length;
    }

    int numClasses() {
        return classNames.size();
    }

    /** A LossLab dataset: one copy of its features into ND4J, and the column statistics of its own. */
    static TrainingData of(LabeledData data) {
        requireExamples(TRAINING_SET, data.size());
        requireTwoClasses(data.classNames(), data.classCounts());
        INDArray features = data.features().toINDArray();
        MutableOutputInfo<Label> labels = new LabelFactory().generateInfo();
        List<Label> classes = data.classNames().stream().map(Label::new).toList();
        int[] y = data.labels();
        for (int label : y) {
            labels.observe(classes.get(label));
        }
        return new TrainingData(features, y, data.classNames(), data.featureNames(), data.classCounts(),
                featureMap(data.features()), labels.generateImmutableOutputInfo(),
                new LabeledDataProvenance(data));
    }

    /**
     * A Tribuo dataset, densified: column j is the feature of Tribuo id j and class k the label
     * of Tribuo id k, so the model shares the dataset's domains. Absent features are 0.
     */
    static TrainingData of(Dataset<Label> dataset) {
        requireExamples(TRAINING_SET, dataset.size());
        ImmutableFeatureMap featureMap = dataset.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputInfo = dataset.getOutputIDInfo();
        int[] labels = new int[dataset.size()];
        int row = 0;
        for (Example<Label> example : dataset) {
            labels[row++] = outputInfo.getID(example.getOutput());
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < outputInfo.size(); k++) {
            classNames.add(outputInfo.getOutput(k).getLabel());
        }
        long[] counts = new long[outputInfo.size()];
        for (Pair<String, Long> nameAndCount : outputInfo.outputCountsIterable()) {
            counts[outputInfo.getID(new Label(nameAndCount.getA()))] = nameAndCount.getB();
        }
        requireTwoClasses(classNames, counts);
        return new TrainingData(DenseRows.inOwnDomain(dataset), labels, List.copyOf(classNames),
                DenseRows.featureNames(featureMap), counts, featureMap, outputInfo, dataset.getProvenance());
    }

    /**
     * Checks, before anything reaches ND4J (whose native kernels fail on empty matrices), that
     * the data {@code name} describes has examples.
     */
    static void requireExamples(String name, long size) {
        if (size == 0) {
            throw new IllegalArgumentException(name + " is empty: it needs at least one example");
        }
    }

    /** Checks that the training examples are of two classes or more: one class leaves nothing to tell apart. */
    private static void requireTwoClasses(List<String> classNames, long[] counts) {
        int[] present = IntStream.range(0, counts.length).filter(k -> counts[k] > 0).toArray();
        if (present.length < 2) {
            throw new IllegalArgumentException("the training set has examples of one class only, '"
                    + classNames.get(present[0]) + "' (" + counts[present[0]] + " examples): "
                    + "a classifier needs two classes or more");
        }
    }

    /** Tribuo's feature domain with each column's count, range, mean and spread. */
    static ImmutableFeatureMap featureMap(FeatureMatrix features) {
        FeatureMatrix.ColumnStatistics columns = features.columnStatistics();
        List<String> names = features.names();
        List<VariableInfo> infos = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            infos.add(new RealInfo(names.get(j), features.numRows(), columns.max()[j], columns.min()[j],
                    columns.mean()[j], columns.squaredDeviations()[j]));
        }
        return new ImmutableFeatureMap(infos);
    }
}
