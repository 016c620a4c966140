package io.losslab.diffusion;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import io.losslab.data.LabeledData;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A trained ε-prediction network with its noise schedule: it predicts the noise in a noisy
 * point, samples new points with a {@link Sampler}, and remembers how its training went.
 * Immutable; each call makes its own buffers, so calls may run on several threads.
 *
 * <pre>{@code
 * DiffusionModel model = DiffusionTrainer.builder().build().train(moons);
 * double[][] samples = model.sample(Sampler.ancestral(), 2000, 1).last();
 * }</pre>
 */
public final class DiffusionModel {

    private final NoiseNetwork network;
    /** The weights it predicts with: the moving average if training kept one. */
    private final float[] parameters;
    /** The last step's weights when {@link #parameters} are their average, null otherwise. */
    private final float[] lastWeights;
    private final NoiseSchedule schedule;
    /** The training class frequencies of a class-conditional model, null otherwise. */
    private final double[] classPrior;
    private final double[] lossHistory;
    private final boolean interrupted;
    private final String description;
    private final ConfiguredObjectProvenance trainerProvenance;

    DiffusionModel(NoiseNetwork network, float[] parameters, float[] lastWeights, NoiseSchedule schedule,
            double[] classPrior, double[] lossHistory, boolean interrupted, String description,
            ConfiguredObjectProvenance trainerProvenance) {
        this.network = network;
        this.parameters = parameters;
        this.lastWeights = lastWeights;
        this.schedule = schedule;
        this.classPrior = classPrior;
        this.lossHistory = lossHistory;
        this.interrupted = interrupted;
        this.description = description;
        this.trainerProvenance = trainerProvenance;
    }

    /** The noise schedule the model was trained with. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** The dimension D of its points. */
    public int dimension() {
        return network.dimension();
    }

    /** The number of classes it is conditioned on, 0 if it is unconditional. */
    public int numClasses() {
        return network.numClasses();
    }

    /** The widths of its hidden layers. */
    public int[] hiddenLayers() {
        return network.hidden();
    }

    /** The dimension of its time embedding. */
    public int timeEmbedding() {
        return network.timeEmbedding();
    }

    /** The number of Adam steps it was trained for. */
    public int stepsTrained() {
        return lossHistory.length;
    }

    /** Whether training was interrupted before all its steps. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Whether it predicts with a moving average of the training weights. */
    public boolean averaged() {
        return lastWeights != null;
    }

    /**
     * The same model with the weights of the last training step instead of their moving average;
     * this model itself if it kept no average.
     */
    public DiffusionModel lastWeights() {
        if (lastWeights == null) {
            return this;
        }
        return new DiffusionModel(network, lastWeights, null, schedule, classPrior, lossHistory, interrupted,
                description + "; the last step's weights", trainerProvenance);
    }

    /** The settings of the {@link DiffusionTrainer} that trained it, as its provenance records them. */
    public ConfiguredObjectProvenance trainerProvenance() {
        return trainerProvenance;
    }

    /** The batch loss of every training step, a copy: the training curve. */
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /**
     * ε_θ(x_t, t) of an unconditional model for every point.
     *
     * @throws IllegalArgumentException if the points do not have D coordinates, t is outside
     *     [1, T], or the model is class-conditional
     */
    public double[][] predictNoise(double[][] xt, int t) {
        return predictNoise(xt, t, null);
    }

    /**
     * ε_θ(x_t, t) of a class-conditional model, one class per point (null for an unconditional model).
     *
     * @throws IllegalArgumentException if the points do not have D coordinates, t is outside
     *     [1, T], or the labels do not fit the model
     */
    public double[][] predictNoise(double[][] xt, int t, int[] labels) {
        Points.requireDimension("xt", xt, dimension());
        checkStep(t);
        checkLabels(labels, xt.length);
        double[][] noise = new double[xt.length][dimension()];
        int[] steps = new int[xt.length];
        Arrays.fill(steps, t);
        new NetworkDenoiser(network, parameters).predict(xt, steps, labels, noise);
        return noise;
    }

    /**
     * The training loss on {@code data}: the mean of {@code (ε - ε_θ(x_t, t))²} over every
     * example and coordinate, with one t and ε per example drawn with {@code seed}.
     *
     * @throws IllegalArgumentException if data is empty or its dimension is not D
     */
    public double loss(LabeledData data, long seed) {
        Points.requireDimension("data", data, dimension());
        double[][] x0 = Points.of(data);
        int[] labels = numClasses() > 0 ? data.labels() : null;
        checkLabels(labels, x0.length);
        SplittableRandom random = new SplittableRandom(seed);
        int[] steps = new int[x0.length];
        double[][] xt = new double[x0.length][dimension()];
        double[][] eps = new double[x0.length][dimension()];
        for (int i = 0; i < x0.length; i++) {
            steps[i] = 1 + random.nextInt(schedule.steps());
            for (int d = 0; d < dimension(); d++) {
                eps[i][d] = random.nextGaussian();
                xt[i][d] = schedule.alphaBar(steps[i]) * x0[i][d] + schedule.betaBar(steps[i]) * eps[i][d];
            }
        }
        double[][] predicted = new double[x0.length][dimension()];
        new NetworkDenoiser(network, parameters).predict(xt, steps, labels, predicted);
        double sum = 0;
        for (int i = 0; i < x0.length; i++) {
            for (int d = 0; d < dimension(); d++) {
                double error = predicted[i][d] - eps[i][d];
                sum += error * error;
            }
        }
        return sum / ((double) x0.length * dimension());
    }

    /**
     * Draws {@code n} samples; a class-conditional model first draws each sample's class from
     * the training class frequencies.
     *
     * @throws IllegalArgumentException if n is below 1
     */
    public Trajectory sample(Sampler sampler, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, but is " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = classPrior == null ? null : drawClasses(n, random.split());
        return sampler.run(new NetworkDenoiser(network, parameters), schedule, n, dimension(), labels, random);
    }

    /**
     * Draws one sample of each given class from a class-conditional model.
     *
     * @throws IllegalArgumentException if the model is unconditional, labels is empty or a label
     *     is not one of its classes
     */
    public Trajectory sample(Sampler sampler, int[] labels, long seed) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels must ask for at least one sample, but is empty");
        }
        checkLabels(labels, labels.length);
        return sampler.run(new NetworkDenoiser(network, parameters), schedule, labels.length, dimension(), labels.clone(),
                new SplittableRandom(seed));
    }

    private int[] drawClasses(int n, SplittableRandom random) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < classPrior.length - 1 && u >= classPrior[k]) {
                u -= classPrior[k];
                k++;
            }
            labels[i] = k;
        }
        return labels;
    }

    private void checkStep(int t) {
        if (t < 1 || t > schedule.steps()) {
            throw new IllegalArgumentException("t = " + t + " is outside [1, " + schedule.steps() + "]");
        }
    }

    private void checkLabels(int[] labels, int n) {
        if (labels == null) {
            if (numClasses() > 0) {
                throw new IllegalArgumentException("labels are needed: the model is conditioned on " + numClasses()
                        + " classes");
            }
            return;
        }
        if (numClasses() == 0) {
            throw new IllegalArgumentException(
                    "labels need a class-conditional model; train with classConditional(true)");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n + " points");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses()) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, "
                        + numClasses() + ")");
            }
        }
    }

    @Override
    public String toString() {
        String lastLoss = lossHistory.length == 0 ? ""
                : String.format(Locale.ROOT, ", last loss %.4f", lossHistory[lossHistory.length - 1]);
        return "DiffusionModel: " + network + ", " + stepsTrained() + " steps" + (interrupted ? " (interrupted)" : "")
                + lastLoss + "; " + description;
    }
}
