package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.MutableDataset;
import org.tribuo.multilabel.MultiLabel;

/** The multi-label generator: its label rates and its best macro-F1, checked by Monte Carlo. */
class SyntheticMultiLabelTest {

    /** Noisy labels of falling frequency; the last is so noisy for its rarity that predicting it everywhere is best. */
    private final SyntheticMultiLabel model = SyntheticMultiLabel.random(6, new double[] {0.6, 0.45, 0.35}, 0.3, 3);

    @Test
    void bestF1InClosedForm() {
        // Label 0: q = (0.6 - 0.3) / 0.4 = 0.75; the hidden value's F1 = 2·0.525 / (2·0.525 + 0.3) beats
        // always-yes, 1.2 / 1.6.
        assertEquals(1.05 / 1.35, model.bestF1(0), 1e-12);
        // Label 2: q = 0.125; the hidden value's F1 = 0.175 / 0.475 loses to always-yes, 0.7 / 1.35.
        assertEquals(0.7 / 1.35, model.bestF1(2), 1e-12);
        assertEquals((model.bestF1(0) + model.bestF1(1) + model.bestF1(2)) / 3, model.bestMacroF1(), 1e-15);
    }

    @Test
    void monteCarloReachesTheBestMacroF1() {
        int n = 200_000;
        MultiLabelData data = model.sample(n, 8);
        long[] truePositives = new long[model.numLabels()];
        long[] falsePositives = new long[model.numLabels()];
        long[] falseNegatives = new long[model.numLabels()];
        double[] x = new double[model.dimension()];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < x.length; d++) {
                x[d] = data.features().get(i, d);
            }
            boolean[] predicted = model.bestF1Prediction(x);
            for (int l = 0; l < model.numLabels(); l++) {
                boolean actual = data.hasLabel(i, l);
                if (predicted[l] && actual) {
                    truePositives[l]++;
                } else if (predicted[l]) {
                    falsePositives[l]++;
                } else if (actual) {
                    falseNegatives[l]++;
                }
            }
        }
        double macro = 0;
        for (int l = 0; l < model.numLabels(); l++) {
            double f1 = 2.0 * truePositives[l] / (2.0 * truePositives[l] + falsePositives[l] + falseNegatives[l]);
            assertEquals(model.bestF1(l), f1, 0.01, "label " + l);
            macro += f1 / model.numLabels();
            assertEquals(model.labelRate(l), data.positiveCounts()[l] / (double) n, 0.005, "frequency of label " + l);
        }
        assertEquals(model.bestMacroF1(), macro, 0.006);
    }

    @Test
    void conversions() {
        MultiLabelData data = model.sample(50, 2);
        INDArray targets = data.labelMatrix();
        assertArrayEquals(new long[] {50, 3}, targets.shape());
        MutableDataset<MultiLabel> tribuo = data.toTribuo();
        assertEquals(50, tribuo.size());
        for (int i = 0; i < 50; i++) {
            Set<String> expected = Arrays.stream(data.labelsOf(i)).mapToObj(l -> "label_" + l)
                    .collect(Collectors.toSet());
            assertEquals(expected, tribuo.getExample(i).getOutput().getNameSet());
            assertEquals(expected, data.multiLabel(i).getNameSet());
            for (int l = 0; l < 3; l++) {
                assertEquals(data.hasLabel(i, l) ? 1f : 0f, targets.getFloat(i, l));
            }
        }
        assertTrue(data.toString().contains("50 examples, 6 features, 3 labels"));
    }

    @Test
    void badParameters() {
        assertFails(IllegalArgumentException.class,
                () -> SyntheticMultiLabel.random(3, new double[] {0.05}, 0.1, 1), "labelRates[0] = 0.05", "(0.1, 0.9)");
        assertFails(IllegalArgumentException.class,
                () -> SyntheticMultiLabel.random(3, new double[] {0.3}, 0.5, 1), "flipProbability", "0.5");
        assertFails(IllegalArgumentException.class,
                () -> SyntheticMultiLabel.of(new double[][] {{0, 0}}, new double[] {0.3}, 0), "directions[0]");
        assertFails(IllegalArgumentException.class,
                () -> SyntheticMultiLabel.of(new double[][] {{1, 0}}, new double[] {0.3, 0.2}, 0), "1 and 2");
        assertFails(IllegalArgumentException.class, () -> model.bestF1Prediction(new double[2]), "2 coordinates");
    }
}
