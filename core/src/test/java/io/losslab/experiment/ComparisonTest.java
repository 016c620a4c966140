package io.losslab.experiment;

import io.losslab.eval.Format;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.data.Predictions;
import io.losslab.data.ShotGroup;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.loss.ClassWeights;
import io.losslab.train.NdModel;
import io.losslab.train.NdTrainer;
import io.losslab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The comparison runner on a small long-tailed three-class Gaussian set: one table with a row per
 * contender, metrics that match each model's own evaluation, and the text and HTML forms.
 */
class ComparisonTest {

    /** Three classes with priors 0.85 / 0.12 / 0.03: many-, many- and medium-shot at 3000 examples. */
    private static final GaussianClasses CLASSES = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {0.85, 0.12, 0.03});
    private static final DataSplits SPLITS = new DataSplits(CLASSES.sample(3000, 1),
            CLASSES.sample(new long[] {100, 100, 100}, 3), CLASSES.sample(new long[] {1000, 1000, 1000}, 2));
    private static final NdTrainer LINEAR = NdTrainer.builder().adam(0.05).epochs(4).batchSize(128).seed(1).build();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void oneRowPerContenderWithItsOwnMetrics() {
        List<String> events = new ArrayList<>();
        ComparisonListener listener = new ComparisonListener() {
            @Override
            public TrainingListener rowStarted(String name) {
                events.add("start " + name);
                return TrainingListener.onEpoch(e -> events.add("epoch " + e.epoch()));
            }

            @Override
            public void rowFinished(ComparisonRow row) {
                events.add("done " + row.name());
            }
        };
        ComparisonTable table = Comparison.builder(LINEAR).losses("ce", "logit-adjusted(tau=1)")
                .add(Contender.postHoc("ce", 1))
                .add(Contender.reweighted("tribuo log inverse", new LinearSGDTrainer(new LogMulticlass(),
                        new AdaGrad(0.1), 2, 1L), ClassWeights.inverseFrequency()))
                .listener(listener).build().run(SPLITS);

        assertEquals(List.of("ce", "logit-adjusted(tau=1)", "ce + post-hoc τ=1", "tribuo log inverse"), table.names());
        assertFalse(table.interrupted());
        NdModel ce = (NdModel) table.row("ce").model();
        assertEquals(ce.predictions(SPLITS.test()).balancedAccuracy(), table.row("ce").metrics().balancedAccuracy(), 1e-15);
        assertArrayEquals(table.row("logit-adjusted(tau=1)").metrics().recall(), table.recallByRow().get("logit-adjusted(tau=1)"));

        // The post-hoc row reuses the ce training: same time, same logits, different decisions.
        ComparisonRow postHoc = table.row("ce + post-hoc τ=1");
        assertEquals(table.row("ce").trainingSeconds(), postHoc.trainingSeconds());
        assertEquals(1.0, ((NdModel) postHoc.model()).postHocTau());
        assertEquals(List.of("start ce", "epoch 1", "epoch 2", "epoch 3", "epoch 4", "done ce"), events.subList(0, 6));
        assertEquals(List.of("start ce + post-hoc τ=1", "done ce + post-hoc τ=1"), events.subList(12, 14),
                "the post-hoc row trains nothing");

        // On a long tail the prior-corrected rows beat plain ce on balanced accuracy by a wide margin.
        double plain = table.row("ce").metrics().balancedAccuracy();
        assertTrue(table.row("logit-adjusted(tau=1)").metrics().balancedAccuracy() > plain + 0.1, table.toString());
        assertTrue(postHoc.metrics().balancedAccuracy() > plain + 0.1, table.toString());
        assertTrue(table.row("tribuo log inverse").metrics().balancedAccuracy() > plain + 0.1, table.toString());
        assertTrue(table.row("tribuo log inverse").metrics().expectedCalibrationError() >= 0, "Tribuo's probabilities are used");
    }

    @Test
    void printsAsTextAndHtml() {
        ComparisonTable table = Comparison.builder(LINEAR).losses("ce")
                .add(Contender.tribuoLinear("logit-adjusted(tau=1)", new AdaGrad(0.1), 1, 1L)).build().run(SPLITS);
        String text = table.toString();
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("train Gaussian classes [2550, 360, 90]"), text);
        assertTrue(lines.get(1).matches("loss\\s+accuracy\\s+balanced acc\\.\\s+macro-F1\\s+many-shot\\s+medium-shot\\s+few-shot\\s+ECE\\s+train s"), text);
        assertTrue(lines.get(2).startsWith("ce "), text);
        assertTrue(lines.get(3).startsWith("tribuo-linear logit-adjusted(tau=1) "), text);
        assertTrue(lines.get(2).contains(" – "), "no few-shot class: a dash");
        String html = table.toHtml();
        assertTrue(html.startsWith("<table class=\"losslab-comparison\">"), html);
        assertEquals(3, html.split("<tr>", -1).length - 1, "a heading row and two rows");
        assertTrue(html.contains("<td>tribuo-linear logit-adjusted(tau=1)</td>"), html);
        assertTrue(html.contains("many &gt; 100"), "text is escaped");
        String balanced = Format.value(table.row("ce").metrics().balancedAccuracy());
        assertTrue(html.contains(">" + balanced + "<") && text.contains(" " + balanced + " "), balanced);
        assertEquals(Double.NaN, table.row("ce").metrics().shotAccuracy(ShotGroup.FEW));
    }

    @Test
    void anInterruptStopsTheRowInTrainingAndTheRowsAfterIt() {
        ComparisonListener interruptSecond = new ComparisonListener() {
            @Override
            public TrainingListener rowStarted(String name) {
                if (name.equals("focal(gamma=2)")) {
                    Thread.currentThread().interrupt();
                }
                return TrainingListener.NONE;
            }
        };
        ComparisonTable table = Comparison.builder(LINEAR).losses("ce", "focal(gamma=2)", "ldam")
                .listener(interruptSecond).build().run(SPLITS);
        assertEquals(List.of("ce", "focal(gamma=2)"), table.names());
        assertTrue(table.interrupted());
        assertFalse(table.row("ce").interrupted());
        assertTrue(table.row("focal(gamma=2)").interrupted());
        assertEquals(0, ((NdModel) table.row("focal(gamma=2)").model()).batchesTrained());
        assertTrue(table.toString().contains("focal(gamma=2) *"), table.toString());
    }

    @Test
    void rowsNeedDistinctNamesAndRealLosses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.builder(LINEAR).losses("ce", "ce").build());
        assertTrue(e.getMessage().contains("two rows are named 'ce'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Comparison.builder(LINEAR).build());
        assertTrue(e.getMessage().contains("contenders"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Contender.loss("nonsense"));
        assertTrue(e.getMessage().contains("unknown loss 'nonsense'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Contender.postHoc("ce", -1));
        assertTrue(e.getMessage().contains("tau must be a finite number >= 0, but is -1.0"), e.getMessage());
        ComparisonTable table = Comparison.of(LINEAR, "ce").run(SPLITS);
        e = assertThrows(IllegalArgumentException.class, () -> table.row("focal"));
        assertTrue(e.getMessage().contains("the rows are [ce]"), e.getMessage());
        assertSame(table.rows().get(0), table.row("ce"));
        assertNotEquals(0, table.trainingCounts()[2]);
    }

    @Test
    void aModelTrainedElsewhereIsScoredBesideTheRows() {
        NdModel elsewhere = NdTrainer.builder().loss("logit-adjusted(tau=1)").adam(0.05).epochs(2).seed(9).build()
                .train(SPLITS.train());
        // Predictions that count every class as seen once: the comparison's own counts replace them.
        ComparisonTable table = Comparison.builder(LINEAR).losses("ce")
                .add(Contender.trained("outside", test -> {
                    Predictions p = elsewhere.predictions(test);
                    return Predictions.of(p.truth(), p.predicted(), p.confidence(), p.classNames(), new long[] {1, 1, 1});
                })).build().run(SPLITS);

        assertEquals(List.of("ce", "outside"), table.names());
        ComparisonRow outside = table.row("outside");
        ClassificationMetrics own = ClassificationMetrics.of(elsewhere.predictions(SPLITS.test()));
        assertEquals(own.balancedAccuracy(), outside.metrics().balancedAccuracy());
        assertEquals(own.expectedCalibrationError(), outside.metrics().expectedCalibrationError());
        assertEquals(own.shotAccuracy(ShotGroup.MEDIUM), outside.metrics().shotAccuracy(ShotGroup.MEDIUM));
        assertEquals(Double.NaN, outside.metrics().shotAccuracy(ShotGroup.FEW), "no class is few-shot in training");
        assertArrayEquals(own.recall(), table.recallByRow().get("outside"));
        assertNull(outside.model());
        assertEquals(Double.NaN, outside.trainingSeconds());
        String last = table.toString().lines().filter(l -> l.startsWith("outside ")).findFirst().orElseThrow();
        assertTrue(last.endsWith(" –"), "no training time: " + last);
        assertTrue(table.toString().contains("– = no such classes, or trained outside the comparison"), table.toString());
    }

    @Test
    void predictionsOfAnotherSetAreRefusedWithTheRowsName() {
        NdModel elsewhere = LINEAR.train(SPLITS.train());
        Comparison comparison = Comparison.builder(LINEAR)
                .add(Contender.trained("outside", test -> elsewhere.predictions(SPLITS.validation()))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> comparison.run(SPLITS));
        assertTrue(e.getMessage().startsWith("the predictions of row 'outside' must be of the test set "
                + SPLITS.test().source() + " (its 3000 examples in order"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Contender.trained("outside", null));
        assertEquals("predict must be given, but is null", e.getMessage());
    }
}
