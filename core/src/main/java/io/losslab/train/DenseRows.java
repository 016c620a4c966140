package io.losslab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;

/**
 * Tribuo examples as one dense N×D FLOAT matrix in a model's column order, the form the network
 * takes: features outside the model's domain are skipped, absent ones are 0.
 *
 * @param features the matrix
 * @param used     how many of each example's features the model knows
 */
record DenseRows(INDArray features, int[] used) {

    /** The matrix column of each Tribuo feature id, for columns named {@code featureNames}. */
    static int[] columnsOfFeatureIds(ImmutableFeatureMap featureMap, List<String> featureNames) {
        int[] columns = new int[featureMap.size()];
        for (int j = 0; j < featureNames.size(); j++) {
            columns[featureMap.getID(featureNames.get(j))] = j;
        }
        return columns;
    }

    /** A dataset's own rows in its own domain: column j is the feature of Tribuo id j. */
    static INDArray inOwnDomain(Dataset<?> dataset) {
        int[] identity = IntStream.range(0, dataset.getFeatureIDMap().size()).toArray();
        return of(dataset.getData(), dataset.getFeatureIDMap(), identity).features();
    }

    /** The names of a domain's features by Tribuo id: the column names of {@link #inOwnDomain}. */
    static List<String> featureNames(ImmutableFeatureMap featureMap) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < featureMap.size(); j++) {
            names.add(featureMap.get(j).getName());
        }
        return List.copyOf(names);
    }

    /** The rows of {@code examples}, feature id i landing in column {@code columnOfFeatureId[i]}. */
    static DenseRows of(List<? extends Example<?>> examples, ImmutableFeatureMap featureMap, int[] columnOfFeatureId) {
        int d = columnOfFeatureId.length;
        float[] values = new float[Math.multiplyExact(examples.size(), d)];
        int[] used = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            for (Feature feature : examples.get(i)) {
                int id = featureMap.getID(feature.getName());
                if (id >= 0) {
                    values[i * d + columnOfFeatureId[id]] = (float) feature.getValue();
                    used[i]++;
                }
            }
        }
        return new DenseRows(Nd4j.create(values, new long[] {examples.size(), d}, DataType.FLOAT), used);
    }

    /**
     * Checks that every example has a feature the model knows: a prediction from none would be
     * the bias alone, and say nothing about the example.
     *
     * @throws IllegalArgumentException naming the first example without one
     */
    DenseRows requireFeatures(List<? extends Example<?>> examples) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] == 0) {
                throw new IllegalArgumentException("example " + i + " has none of the model's features: " + examples.get(i));
            }
        }
        return this;
    }
}
