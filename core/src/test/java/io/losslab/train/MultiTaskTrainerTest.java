package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.GaussianClasses;
import io.losslab.data.LabeledData;
import io.losslab.data.MultiTaskData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Multi-task training: each weighting's α_i, the combined gradient, a two-task run and bad settings. */
class MultiTaskTrainerTest {

    private static final double[] LOSSES = {2, 0.5};

    @Test
    void eachSchemeWeighsTheLossesAsItsFormulaSays() {
        assertArrayEquals(new double[] {1, 1}, weights("fixed", null, null), 1e-12);
        assertArrayEquals(new double[] {1, 0.1}, weights("fixed(1, 0.1)", null, null), 1e-12);
        assertArrayEquals(new double[] {0.25, 4}, weights("initial", new double[] {4, 0.25}, null), 1e-12);
        assertArrayEquals(new double[] {0.25, 4}, weights("prior", new double[] {4, 0.25}, null), 1e-12);
        assertArrayEquals(new double[] {0.5, 2}, weights("geometric-mean", null, null), 1e-12);
        // M_0.5 = ((√2 + √0.5) / 2)² = 1.125; α_i = (1/2) (L_i / 1.125)^(-1/2) = 0.375 and 0.75.
        assertArrayEquals(new double[] {0.375, 0.75}, weights("generalised-mean(p=0.5)", null, null), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, weights("generalised-mean(p=1)", null, null), 1e-12);
        // p = 0: G = 1, so α_i = G / (n L_i) = 0.25 and 1.
        assertArrayEquals(new double[] {0.25, 1}, weights("generalised-mean(0)", null, null), 1e-12);
        // α_i = e^(-2 s_i) / 2 with s = (0, ln 2).
        assertArrayEquals(new double[] {0.5, 0.125}, weights("uncertainty", null, new double[] {0, Math.log(2)}), 1e-12);
    }

    private static double[] weights(String spec, double[] references, double[] logSigmas) {
        return TaskWeighting.parse(spec).weights(LOSSES, references, logSigmas);
    }

    @Test
    void thePriorLossIsTheLabelEntropyOrTheTargetVariance() {
        MultiTaskData data = tiny();
        MultiTaskObjective objective = new MultiTaskObjective(heads(data, "ce"), data.tasks(), TaskWeighting.parse("prior"));
        double entropy = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
        // values 1, 2, 4, 9: mean 4, squared deviations 9, 4, 0, 25.
        assertArrayEquals(new double[] {entropy, 38 / 4.0}, objective.priorLosses(), 1e-6);
    }

    @Test
    void theUncertaintyGradientInLogSigmaMatchesFiniteDifferences() {
        TaskWeighting uncertainty = TaskWeighting.parse("uncertainty");
        double[] s = {0.3, -0.7};
        double[] analytic = TaskWeighting.logSigmaGradient(LOSSES, s);
        for (int i = 0; i < s.length; i++) {
            double h = 1e-6;
            double[] up = s.clone();
            double[] down = s.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (uncertainty.objective(LOSSES, null, up) - uncertainty.objective(LOSSES, null, down)) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6, "s_" + i);
        }
    }

    @Test
    void theCombinedGradientIsTheGradientOfEachSchemesObjective() {
        MultiTaskData data = tiny();
        float[] logits = {0.2f, -0.4f, 0.9f, 1.5f, -1f, 0.3f, 0.1f, 2.5f, 0.5f, 0.5f, -0.2f, 3f, 1.2f, -0.8f, 0.4f, 7f};
        for (String spec : List.of("fixed(1, 0.1)", "prior", "geometric-mean", "generalised-mean(p=0.5)",
                "generalised-mean(p=3)", "uncertainty")) {
            MultiTaskObjective objective = new MultiTaskObjective(heads(data, "focal(gamma=2)"), data.tasks(),
                    TaskWeighting.parse(spec));
            objective.setReferences(new double[] {0.8, 5});
            double[] s = {0.2, 0.6};
            int[] rows = {0, 1, 2, 3};
            float[] gradient = new float[logits.length];
            objective.compute(logits, rows, s, gradient);
            ToDoubleFunction<float[]> value = z -> objective.compute(z, rows, s, new float[z.length]).objective();
            for (int j = 0; j < logits.length; j++) {
                float h = 1e-2f;
                float[] up = logits.clone();
                float[] down = logits.clone();
                up[j] += h;
                down[j] -= h;
                double numeric = (value.applyAsDouble(up) - value.applyAsDouble(down)) / (2 * h);
                assertEquals(numeric, gradient[j], 2e-3 * Math.max(1, Math.abs(numeric)), spec + ", logit " + j);
            }
        }
    }

    /** Four examples: three classes 0, 0, 1, 2 and values 1, 2, 4, 9. */
    private static MultiTaskData tiny() {
        LabeledData points = LabeledData.of(FeatureMatrix.of(new float[][] {{0}, {1}, {2}, {3}},
                List.of("x")), new int[] {0, 0, 1, 2}, List.of("a", "b", "c"), "tiny");
        return MultiTaskData.of(points, "class").withRegression("value", new double[] {1, 2, 4, 9});
    }

    private static List<TaskHead> heads(MultiTaskData data, String classLoss) {
        MultiTaskData.Task classes = data.tasks().get(0);
        return List.of(new TaskHead("class", 0, 3, classLoss, classes.classNames(), classes.classCounts()),
                new TaskHead("value", 3, 1, "squared-error", null, null));
    }

    /** Two Gaussian classes, and a value 100 times a linear function of the point plus noise. */
    private static MultiTaskData twoTasks(int n, long seed) {
        GaussianClasses classes = GaussianClasses.isotropic(new double[][] {{-1, 0}, {1, 0}}, 1, new double[] {0.5, 0.5});
        LabeledData points = classes.sample(n, seed);
        SplittableRandom noise = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 100 * (points.features().get(i, 0) - 2 * points.features().get(i, 1)) + 10 * noise.nextGaussian();
        }
        return MultiTaskData.of(points, "class").withRegression("value", values);
    }

    @Test
    void bothTasksAreLearnedAndUncertaintyGivesTheLargeLossTheLargerSigma() {
        MultiTaskData train = twoTasks(2000, 1);
        MultiTaskData validation = twoTasks(1000, 2);
        List<MultiTaskProgress> heard = new ArrayList<>();
        MultiTaskModel model = MultiTaskTrainer.builder().weighting("uncertainty").hiddenSizes(16).adam(1e-2)
                .epochs(15).batchSize(64).seed(3).build().train(train, validation, heard::add);
        assertEquals(15, heard.size());
        MultiTaskProgress last = heard.get(heard.size() - 1);
        assertNotNull(last.tasks().get(0).validation(), "validation scores every epoch");
        List<TaskScore> scores = model.evaluate(validation);
        // The Bayes balanced accuracy of two unit Gaussians 2 apart is Φ(1) = 0.84; the value has R² near 0.98.
        assertTrue(scores.get(0).metric() > 0.78, scores.toString());
        assertTrue(scores.get(1).metric() > 0.9, scores.toString());
        double[] s = model.logSigmas();
        // At its optimum s_i = ½ log L_i, so the squared error of values near 100 gets the larger σ.
        assertTrue(s[1] > s[0] + 1, Arrays.toString(s));
        assertEquals(scores.get(0).metric(), last.tasks().get(0).validation().metric(), 1e-9);
    }

    @Test
    void badWeightingSpecsAreNamedWithTheirValue() {
        for (String spec : List.of("harmonic", "fixed(1, -1)", "initial(2)", "generalised-mean", "generalised-mean(p=x)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MultiTaskTrainer.builder().weighting(spec).build());
            assertTrue(e.getMessage().startsWith("weighting = " + spec + " is not a weighting"), e.getMessage());
        }
    }

    @Test
    void badTasksAndLossesAreRefusedInOneSentence() {
        MultiTaskData data = tiny();
        assertMessage("weighting = fixed(1, 2, 3) gives 3 weights for 2 tasks",
                () -> MultiTaskTrainer.builder().weighting("fixed(1, 2, 3)").build().train(data));
        assertMessage("taskLosses of task 'value' = ce is no loss of a regression task",
                () -> MultiTaskTrainer.builder().taskLoss("value", "ce").build().train(data));
        assertMessage("taskLosses names task 'colour', which train lacks",
                () -> MultiTaskTrainer.builder().taskLoss("colour", "ce").build().train(data));
        assertMessage("taskLosses of task 'class' = gp-kl takes no single class per example",
                () -> MultiTaskTrainer.builder().taskLoss("class", "gp-kl").build());
        assertMessage("values of task 'v' has 3 entries for 4 feature rows",
                () -> data.withRegression("v", new double[3]));
        assertMessage("task name 'class' is taken already",
                () -> data.withRegression("class", new double[4]));
    }

    private static void assertMessage(String start, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
