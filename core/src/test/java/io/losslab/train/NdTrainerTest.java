package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.DataSplits;
import io.losslab.data.GaussianClasses;
import io.losslab.data.LabeledData;
import io.losslab.data.StratifiedSplit;
import io.losslab.eval.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/** The ND4J trainer: determinism, interruption, the listener, Tribuo integration and its settings. */
class NdTrainerTest {

    private static final GaussianClasses THREE = GaussianClasses.isotropic(
            new double[][] {{0, 0}, {2, 0}, {0, 2}}, 1.0, new double[] {0.7, 0.2, 0.1});
    private static final LabeledData TRAIN = THREE.sample(1000, 1);
    private static final LabeledData TEST = THREE.sample(new long[] {300, 300, 300}, 2);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static NdTrainer.Builder mlp() {
        return NdTrainer.builder().hiddenSizes(8, 8).adam(0.01).epochs(3).batchSize(64).seed(5);
    }

    @Test
    void theSameSeedGivesIdenticalPredictions() {
        for (NdTrainer trainer : List.of(mlp().epochs(2).build(),
                mlp().epochs(2).loss("focal(gamma=2)").activation(NdTrainer.Activation.GELU).dropout(0.3).mixup(0.4)
                        .sampling(NdTrainer.Sampling.SQUARE_ROOT).sgd(0.05, 0.9).weightDecay(1e-3).build())) {
            INDArray x = TEST.features().toINDArray();
            NdModel first = trainer.train(TRAIN);
            NdModel second = trainer.toBuilder().build().train(TRAIN);
            assertEquals(first.probabilities(x), second.probabilities(x), trainer.toString());
            assertArrayEquals(first.epochLosses(), second.epochLosses());
            NdModel oneThread = trainer.toBuilder().threads(1).build().train(TRAIN);
            assertEquals(first.probabilities(x), oneThread.probabilities(x), "one thread trains the same model");
            NdModel otherSeed = trainer.toBuilder().seed(6).build().train(TRAIN);
            assertFalse(first.probabilities(x).equals(otherSeed.probabilities(x)), "another seed, another model");
        }
    }

    @Test
    void aSecondCallOfOneTrainerDrawsAFreshStreamUnlessItsCountIsReset() {
        NdTrainer trainer = mlp().build();
        INDArray x = TEST.features().toINDArray();
        INDArray first = trainer.train(TRAIN).logits(x);
        assertFalse(first.equals(trainer.train(TRAIN).logits(x)));
        trainer.setInvocationCount(0);
        assertEquals(first, trainer.train(TRAIN).logits(x));
        assertEquals(1, trainer.getInvocationCount());
    }

    @Test
    void interruptingStopsAtTheNextBatchAndReturnsTheModelSoFar() {
        TrainingListener interruptAfterThird = new TrainingListener() {
            @Override
            public void batchFinished(BatchProgress progress) {
                if (progress.epoch() == 2 && progress.batch() == 3) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        NdModel model = mlp().epochs(5).build().train(TRAIN, null, interruptAfterThird);
        int batchesPerEpoch = (TRAIN.size() + 63) / 64;
        assertTrue(model.interrupted());
        assertEquals(batchesPerEpoch + 3, model.batchesTrained());
        assertEquals(1, model.epochsCompleted());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
        assertEquals(TEST.size(), model.predictClasses(TEST.features().toINDArray()).length, "the model predicts");
        assertTrue(model.toString().contains("interrupted"), model.toString());
    }

    @Test
    void theListenerHearsEveryBatchAndEpochWithValidationPredictions() {
        RecordingListener listener = new RecordingListener();
        NdModel model = mlp().build().train(TRAIN, TEST, listener);
        List<BatchProgress> batches = listener.batches();
        List<EpochProgress> epochs = listener.epochs();
        int perEpoch = (TRAIN.size() + 63) / 64;
        assertEquals(3 * perEpoch, batches.size());
        assertEquals(3, epochs.size());
        for (int i = 0; i < batches.size(); i++) {
            BatchProgress b = batches.get(i);
            assertEquals(i / perEpoch + 1, b.epoch());
            assertEquals(i % perEpoch + 1, b.batch());
            assertEquals(perEpoch, b.batchesPerEpoch());
            assertTrue(Double.isFinite(b.loss()) && b.loss() > 0);
            assertTrue(i == 0 || b.elapsedSeconds() >= batches.get(i - 1).elapsedSeconds());
        }
        assertEquals(1.0, batches.get(perEpoch - 1).epochProgress(), 1e-12);
        for (EpochProgress e : epochs) {
            assertTrue(e.hasValidation());
            assertEquals(TEST.size(), e.validation().size());
            assertEquals(model.validationBalancedAccuracy()[e.epoch() - 1], e.validation().balancedAccuracy());
            assertEquals(model.validationLosses()[e.epoch() - 1], e.validationLoss());
            assertTrue(e.toString().contains("validation loss"), e.toString());
            assertEquals(3, e.epochs());
        }
        assertTrue(epochs.get(2).meanLoss() < epochs.get(0).meanLoss(), "the loss falls");

        List<EpochProgress> unvalidated = new ArrayList<>();
        NdModel withoutValidation = mlp().epochs(1).build().train(TRAIN, null, TrainingListener.onEpoch(unvalidated::add));
        assertNull(unvalidated.get(0).validation());
        assertTrue(Double.isNaN(unvalidated.get(0).validationLoss()));
        assertTrue(Double.isNaN(withoutValidation.validationBalancedAccuracy()[0]));
        assertTrue(Double.isNaN(withoutValidation.validationLosses()[0]));
    }

    @Test
    void theValidationLossIsTheCrossEntropyOfTheModelsOwnProbabilities() {
        for (NdTrainer trainer : List.of(mlp().build(), mlp().loss("focal(gamma=2)").postHocTau(1).build(),
                mlp().loss("flooding(b=0.4, loss=ce)").build())) {
            NdModel model = trainer.train(TRAIN, TEST, TrainingListener.NONE);
            float[][] p = model.probabilities(TEST.features().toINDArray()).toFloatMatrix();
            int[] truth = TEST.labels();
            double sum = 0;
            for (int i = 0; i < truth.length; i++) {
                sum -= Math.log(p[i][truth[i]]);
            }
            double[] losses = model.validationLosses();
            assertEquals(3, losses.length);
            assertEquals(sum / truth.length, losses[2], 1e-6, trainer.toString());
            assertTrue(losses[2] < losses[0] || trainer.toString().contains("flooding"), "it falls: " + Arrays.toString(losses));
        }
    }

    @Test
    void theEpochLossOfFloodingIsTheFloodedValue() {
        double level = 0.6;
        NdModel flooded = mlp().epochs(8).loss("flooding(b=" + level + ", loss=ce)").build().train(TRAIN);
        NdModel plain = mlp().epochs(8).build().train(TRAIN);
        for (double loss : flooded.epochLosses()) {
            assertTrue(loss >= level, "|L - b| + b never goes below b: " + Arrays.toString(flooded.epochLosses()));
        }
        assertTrue(plain.epochLosses()[7] < level, "ce itself goes below the level: " + Arrays.toString(plain.epochLosses()));
    }

    @Test
    void sigmaShrinksByTheSameFactorEachEpochToTheFractionLeftInTheLast() {
        RunSettings five = NdTrainer.builder().loss("exact").sigmaAnneal(0.01).epochs(5).build().runSettings();
        assertEquals(1, five.noiseScaleOfEpoch(1), 1e-15);
        assertEquals(0.1, five.noiseScaleOfEpoch(3), 1e-15);
        assertEquals(0.01, five.noiseScaleOfEpoch(5), 1e-15);
        assertEquals(1, NdTrainer.builder().loss("exact").sigmaAnneal(0.01).epochs(1).build().runSettings().noiseScaleOfEpoch(1));
    }

    @Test
    void eachEpochTrainsWithItsAnnealedSigma() {
        // A step too small to move the model: each epoch's mean loss is that of the initial model under its own σ.
        NdTrainer.Builder still = mlp().adam(1e-12).epochs(3);
        NdModel annealed = still.loss("exact(sigma=2)").sigmaAnneal(0.25).build().train(TRAIN);
        assertEquals("exact(sigma=2)", annealed.lossSpec(), "the model keeps the loss as configured");
        double[] expected = new double[3];
        double[] sigmas = {2, 1, 0.5};
        for (int e = 0; e < 3; e++) {
            expected[e] = still.loss("exact(sigma=" + sigmas[e] + ")").sigmaAnneal(1).build().train(TRAIN).epochLosses()[e];
        }
        assertArrayEquals(expected, annealed.epochLosses(), 1e-9);
        assertTrue(expected[2] != expected[0], "σ changes the loss: " + Arrays.toString(expected));
    }

    @Test
    void anMlpLearnsDigitsWellAboveChance() {
        DataSplits digits = StratifiedSplit.trainTest(0.25).split(BundledData.digits(), 3);
        NdModel model = NdTrainer.builder().hiddenSizes(32).adam(0.01).epochs(5).batchSize(128).seed(1).build()
                .train(digits.train());
        double accuracy = ClassificationMetrics.of(model.predictions(digits.test())).accuracy();
        assertTrue(accuracy > 0.85, "accuracy " + accuracy + " against chance 0.1");
        assertArrayEquals(new int[] {64, 32, 10}, model.layerSizes());
    }

    @Test
    void isATribuoTrainerWhoseModelsTribuoEvaluates() {
        MutableDataset<Label> train = TRAIN.toTribuo();
        MutableDataset<Label> test = TEST.toTribuo();
        NdModel model = mlp().loss("logit-adjusted(tau=1)").build().train(train);
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        double ours = model.predictions(TEST).balancedAccuracy();
        assertEquals(1 - evaluation.balancedErrorRate(), ours, 1e-12, "Tribuo and LossLab agree");
        Prediction<Label> one = model.predict(test.getExample(0));
        assertTrue(one.hasProbabilities());
        assertEquals(1.0, one.getOutputScores().values().stream().mapToDouble(Label::getScore).sum(), 1e-5);
        String provenance = model.getProvenance().toString();
        assertTrue(provenance.contains("loss=logit-adjusted(tau=1)") && provenance.contains("hiddenSizes=[8, 8]"), provenance);
        assertEquals("logit-adjusted(tau=1)", model.lossSpec());
        assertNotNull(model.copy().getProvenance());
    }

    @Test
    void postHocAdjustmentMovesDecisionsToTheTail() {
        NdModel plain = NdTrainer.builder().adam(0.05).epochs(5).seed(2).build().train(TRAIN);
        NdModel adjusted = plain.withPostHocTau(1);
        assertTrue(ClassificationMetrics.of(adjusted.predictions(TEST)).recall()[2]
                > ClassificationMetrics.of(plain.predictions(TEST)).recall()[2]);
        assertEquals(plain.logits(TEST.features().toINDArray()), adjusted.logits(TEST.features().toINDArray()));
        assertTrue(adjusted.getProvenance().toString().contains("post-hoc-tau=1.0"), adjusted.getProvenance().toString());
        NdModel viaTrainer = NdTrainer.builder().adam(0.05).epochs(5).seed(2).postHocTau(1).build().train(TRAIN);
        assertArrayEquals(adjusted.predictClasses(TEST.features().toINDArray()),
                viaTrainer.predictClasses(TEST.features().toINDArray()));
    }

    @Test
    void badSettingsAreNamedWithTheirValue() {
        assertMessage("loss = gp-kl takes no single-label targets", () -> NdTrainer.builder().loss("gp-kl").build());
        assertMessage("unknown loss 'nope'", () -> NdTrainer.builder().loss("nope").build());
        assertMessage("hiddenSizes[1] must be at least 1, but is 0", () -> NdTrainer.builder().hiddenSizes(4, 0).build());
        assertMessage("dropout must be in [0.0, 1.0), but is 1.0", () -> NdTrainer.builder().dropout(1).build());
        assertMessage("learningRate must be a finite number > 0, but is -1.0", () -> NdTrainer.builder().adam(-1).build());
        assertMessage("epochs must be at least 1, but is 0", () -> NdTrainer.builder().epochs(0).build());
        assertMessage("batchSize must be at least 1, but is 0", () -> NdTrainer.builder().batchSize(0).build());
        assertMessage("threads must be at least 1, but is 0", () -> NdTrainer.builder().threads(0).build());
        assertMessage("mixupAlpha must be a finite number >= 0, but is NaN", () -> NdTrainer.builder().mixup(Double.NaN).build());
        assertMessage("sigmaAnneal must be in (0, 1], but is 0.0", () -> NdTrainer.builder().loss("exact").sigmaAnneal(0).build());
        assertMessage("sigmaAnneal must be in (0, 1], but is 1.5", () -> NdTrainer.builder().loss("exact").sigmaAnneal(1.5).build());
        assertMessage("sigmaAnneal = 0.5 anneals the loss's noise scale, but focal(gamma=2) has no noise scale σ",
                () -> NdTrainer.builder().loss("focal(gamma=2)").sigmaAnneal(0.5).build());
        assertMessage("the training set is empty", () -> NdTrainer.builder().build().train(TRAIN.subset(new int[0], "none")));
        assertMessage("validation must have the classes and features of train",
                () -> NdTrainer.builder().build().train(TRAIN, BundledData.iris(), TrainingListener.NONE));
        assertMessage("features must be N×2, but have shape [3, 5]",
                () -> NdTrainer.builder().epochs(1).build().train(TRAIN).logits(Nd4j.zeros(3, 5)));
    }

    @Test
    void emptyDataAndASingleClassAreRefusedBeforeNd4jSeesThem() {
        NdModel model = NdTrainer.builder().epochs(1).build().train(TRAIN);
        assertMessage("test = none is empty: it needs at least one example",
                () -> model.predictions(TEST.subset(new int[0], "none")));
        assertMessage("features (0×2) is empty: it needs at least one example",
                () -> model.probabilities(Nd4j.create(DataType.FLOAT, 0, 2)));
        int[] firstClass = IntStream.range(0, TRAIN.size()).filter(i -> TRAIN.label(i) == 0).toArray();
        LabeledData oneClass = TRAIN.subset(firstClass, "one class");
        String refusal = "the training set has examples of one class only, '" + TRAIN.classNames().get(0) + "' ("
                + firstClass.length + " examples): a classifier needs two classes or more";
        assertMessage(refusal, () -> NdTrainer.builder().build().train(oneClass));
        assertMessage(refusal, () -> NdTrainer.builder().build().train(oneClass.toTribuo()));
    }

    @Test
    void olcutConfiguresEverySettingAndProvenanceRecordsIt() {
        NdTrainer trainer = Configured.byOlcut(NdTrainer.class, Map.of("loss", "focal(gamma=2)", "activation", "GELU",
                "optimiser", "SGD", "learningRate", "0.05", "epochs", "3", "seed", "9", "sampling", "SQUARE_ROOT"));
        assertEquals("NdTrainer(focal(gamma=2); softmax regression; SGD 0.05, momentum 0.9; 3 epochs of batch 128, "
                + "square-root sampling, seed 9)", trainer.toString());
        assertEquals(Set.of("loss", "hiddenSizes", "head", "activation", "dropout", "optimiser", "learningRate",
                "momentum", "weightDecay", "epochs", "batchSize", "seed", "sampling", "mixupAlpha", "postHocTau",
                "sigmaAnneal", "threads"),
                Configured.recordedSettings(trainer));
        assertEquals("GELU", trainer.getProvenance().getConfiguredParameters().get("activation").toString());
    }

    private static void assertMessage(String expected, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
