package io.losslab.train;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.losslab.loss.ClassWeights;
import java.util.HashMap;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.WeightedExamples;
import org.tribuo.classification.Label;

/**
 * Re-weighting for Tribuo's own trainers: a copy of a dataset in which every example weighs its
 * class's weight under a {@link ClassWeights} scheme, computed from the dataset's class counts.
 * Trainers that implement {@link WeightedExamples} (Tribuo's SGD trainers among them) then
 * minimise the class-weighted loss.
 *
 * <pre>{@code
 * MutableDataset<Label> weighted = ExampleWeights.weighted(train, ClassWeights.inverseFrequency());
 * Model<Label> model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1), 5, 1L).train(weighted);
 * }</pre>
 */
public final class ExampleWeights {

    private ExampleWeights() {
    }

    /**
     * The dataset with each example weighted by its class's weight; the examples are copied, the
     * original keeps its weights.
     */
    public static MutableDataset<Label> weighted(Dataset<Label> dataset, ClassWeights scheme) {
        Map<String, Float> weightOf = classWeights(dataset, scheme);
        MutableDataset<Label> copy = new MutableDataset<>(dataset.getSourceProvenance(), dataset.getOutputFactory());
        for (Example<Label> example : dataset) {
            Example<Label> weighted = example.copy();
            weighted.setWeight(weightOf.get(example.getOutput().getLabel()));
            copy.add(weighted);
        }
        return copy;
    }

    /** The weight of each class name, by the scheme on the dataset's counts. */
    private static Map<String, Float> classWeights(Dataset<Label> dataset, ClassWeights scheme) {
        var info = dataset.getOutputIDInfo();
        long[] counts = new long[info.size()];
        String[] names = new String[info.size()];
        for (Pair<String, Long> nameAndCount : info.outputCountsIterable()) {
            int id = info.getID(new Label(nameAndCount.getA()));
            counts[id] = nameAndCount.getB();
            names[id] = nameAndCount.getA();
        }
        double[] weights = scheme.weights(counts);
        Map<String, Float> weightOf = new HashMap<>();
        for (int k = 0; k < names.length; k++) {
            weightOf.put(names[k], (float) weights[k]);
        }
        return weightOf;
    }
}
