package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.losslab.data.GaussianClasses;
import io.losslab.loss.ClassWeights;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/** Example weights from a class-weight scheme: Σ_k n_k w_k = N, and the original dataset untouched. */
class ExampleWeightsTest {

    @Test
    void everyExampleWeighsItsClassWeight() {
        MutableDataset<Label> data = GaussianClasses.isotropic(new double[][] {{0}, {1}}, 1, new double[] {0.8, 0.2})
                .sample(100, 1).toTribuo();
        MutableDataset<Label> weighted = ExampleWeights.weighted(data, ClassWeights.inverseFrequency());
        assertEquals(data.size(), weighted.size());
        double total = 0;
        for (Example<Label> example : weighted) {
            // Inverse frequency normalised to Σ n_k w_k = N: w = N / (K n_k) = 100 / (2 · 80) or 100 / (2 · 20).
            double expected = example.getOutput().getLabel().equals("class_0") ? 100.0 / 160 : 100.0 / 40;
            assertEquals(expected, example.getWeight(), 1e-6);
            total += example.getWeight();
        }
        assertEquals(100, total, 1e-4);
        for (Example<Label> example : data) {
            assertEquals(Example.DEFAULT_WEIGHT, example.getWeight(), "the original keeps its weights");
        }
    }
}
