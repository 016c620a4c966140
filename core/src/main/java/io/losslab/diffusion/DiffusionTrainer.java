package io.losslab.diffusion;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.losslab.data.LabeledData;
import io.losslab.nn.Activation;
import io.losslab.nn.Adam;
import io.losslab.nn.Elementwise;
import io.losslab.nn.Mlp;
import io.losslab.nn.Optimiser;
import io.losslab.nn.Parameters;
import io.losslab.nn.TimeEmbedding;
import io.losslab.nn.Workers;
import io.losslab.train.Backend;
import io.losslab.train.BatchProgress;
import io.losslab.train.EpochProgress;
import io.losslab.train.TrainingListener;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains an ε-prediction network for a diffusion: each step draws a batch of data points
 * {@code x_0}, steps {@code t} uniform in 1..T and noise {@code ε ~ N(0, I)}, forms
 * {@code x_t = ᾱ_t x_0 + β̄_t ε} and takes an Adam step on the mean of
 * {@code (ε - ε_θ(x_t, t))²} over the batch and the coordinates. As in DDPM, the model keeps an
 * exponential moving average of the weights, which it samples with: with a constant learning
 * rate the weights of any one step swing, and samples from them swing with them (on two moons
 * the energy distance of the last weights went from 0.0035 to 0.028 within a hundred steps, in
 * PyTorch as here), while the average is steady.
 *
 * <p>Immutable, made by a {@link #builder()} or by an OLCUT configuration file, whose
 * {@code @Config} settings are the fields below; its provenance records them, and so does every
 * model it trains. The defaults are the two-moons benchmark's model: three hidden layers of 128,
 * a 32-dimensional time embedding, the linear schedule with T = 1000, batches of 256, Adam at
 * 1e-3, 5,000 steps, seed 0, and an average with decay 0.999.
 *
 * <p>Progress goes to a {@link TrainingListener}, the classifier trainer's: after every step a
 * {@link BatchProgress}, and after every epoch (as many examples as the training set, drawn with
 * replacement) an {@link EpochProgress} without validation metrics. Interrupting the training
 * thread stops training before its next step, as it does the classifier trainer; {@link #train}
 * then returns the model so far, {@linkplain DiffusionModel#interrupted() marked interrupted},
 * and leaves the thread's interrupt status set for whatever runs after it.
 *
 * <pre>{@code
 * LabeledData moons = Rescaling.standardise(raw).apply(raw);
 * DiffusionTrainer trainer = DiffusionTrainer.builder().steps(2000).build();
 * DiffusionModel model = trainer.train(moons, TrainingListener.onEpoch(System.out::println));
 * }</pre>
 */
public final class DiffusionTrainer implements Configurable, Provenancable<ConfiguredObjectProvenance> {

    @Config(description = "The noise schedule: linear (betaStart to betaEnd) or cosine.")
    private String schedule = "linear";

    @Config(description = "The number of diffusion steps T of the noise schedule.")
    private int diffusionSteps = NoiseSchedule.DEFAULT_STEPS;

    @Config(description = "The linear schedule's first DDPM variance β_1, in (0, 1); the cosine schedule ignores it.")
    private double betaStart = NoiseSchedule.DEFAULT_BETA_START;

    @Config(description = "The linear schedule's last DDPM variance β_T, in [betaStart, 1); the cosine schedule ignores it.")
    private double betaEnd = NoiseSchedule.DEFAULT_BETA_END;

    @Config(description = "Widths of the hidden layers of the noise-prediction MLP; at least one.")
    private int[] hiddenSizes = {128, 128, 128};

    @Config(description = "Dimensions of the sinusoidal embedding of t, a positive even number.")
    private int timeEmbedding = 32;

    @Config(description = "Examples per batch, drawn with replacement.")
    private int batchSize = 256;

    @Config(description = "Adam's learning rate.")
    private double learningRate = 1e-3;

    @Config(description = "The number of Adam steps to train for.")
    private int steps = 5000;

    @Config(description = "Seed of the initial weights, the batches, the steps t and the noise.")
    private long seed = 0;

    @Config(description = "Whether the network is given each example's class, so that samples can be drawn per class.")
    private boolean classConditional = false;

    @Config(description = "Decay in [0, 1) of the moving average of the weights the model samples with; 0 keeps the last step's weights.")
    private double averageDecay = 0.999;

    @Config(description = Workers.THREADS_SETTING)
    private int threads = 2;

    /** The schedule the settings above describe, made by {@link #postConfig()}. */
    private NoiseSchedule noiseSchedule;

    /** For OLCUT's configuration system, and for the builder. */
    private DiffusionTrainer() {
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder(new DiffusionTrainer());
    }

    /** A builder that starts from this trainer's settings. */
    public Builder toBuilder() {
        return new Builder(copy());
    }

    /** An unchecked copy of every setting, for a builder to change. */
    private DiffusionTrainer copy() {
        DiffusionTrainer copy = new DiffusionTrainer();
        copy.schedule = schedule;
        copy.diffusionSteps = diffusionSteps;
        copy.betaStart = betaStart;
        copy.betaEnd = betaEnd;
        copy.hiddenSizes = hiddenSizes.clone();
        copy.timeEmbedding = timeEmbedding;
        copy.batchSize = batchSize;
        copy.learningRate = learningRate;
        copy.steps = steps;
        copy.seed = seed;
        copy.classConditional = classConditional;
        copy.averageDecay = averageDecay;
        copy.threads = threads;
        return copy;
    }

    /**
     * Checks every setting and makes the noise schedule; called by OLCUT after configuration and
     * by the builder.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    @Override
    public void postConfig() {
        requireAtLeastOne("diffusionSteps", diffusionSteps);
        noiseSchedule = NoiseSchedule.named(schedule, diffusionSteps, betaStart, betaEnd);
        if (hiddenSizes.length == 0 || Arrays.stream(hiddenSizes).anyMatch(width -> width < 1)) {
            throw new IllegalArgumentException("hiddenSizes must be one or more widths of at least 1, but is "
                    + Arrays.toString(hiddenSizes));
        }
        if (timeEmbedding < 2 || timeEmbedding % 2 != 0) {
            throw new IllegalArgumentException("timeEmbedding must be a positive even number, but is " + timeEmbedding);
        }
        requireAtLeastOne("batchSize", batchSize);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, but is " + learningRate);
        }
        requireAtLeastOne("steps", steps);
        if (!(averageDecay >= 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("averageDecay must be in [0, 1), but is " + averageDecay);
        }
        requireAtLeastOne("threads", threads);
    }

    private static void requireAtLeastOne(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, but is " + value);
        }
    }

    /** Every setting, as OLCUT configured it. */
    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "DiffusionTrainer");
    }

    /** Every setting, as its provenance records them. */
    @Override
    public String toString() {
        return getProvenance().toString();
    }

    /**
     * Trains with no listener; see {@link #train(LabeledData, TrainingListener)}.
     *
     * @throws IllegalArgumentException if data is empty
     */
    public DiffusionModel train(LabeledData data) {
        return train(data, TrainingListener.NONE);
    }

    /**
     * Trains on the features of {@code data} (and its classes if class-conditional), which
     * should be on the scale of unit noise (see {@link Rescaling}), telling {@code listener}
     * about every step and epoch (if it is not null).
     *
     * @throws IllegalArgumentException if data is empty
     */
    public DiffusionModel train(LabeledData data, TrainingListener listener) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("data must hold at least one example, but is empty");
        }
        NoiseNetwork network = new NoiseNetwork(data.numFeatures(), hiddenSizes,
                new TimeEmbedding(timeEmbedding, noiseSchedule.steps()), classConditional ? data.numClasses() : 0);
        SplittableRandom random = new SplittableRandom(seed);
        Parameters parameters = new Parameters(network.layout().initialParameters(random.split()));
        float[] average = parameters.values().clone();
        Optimiser adam = new Adam(learningRate, 0);
        adam.initialise(network.layout().parameterCount());
        Progress progress = new Progress(data.size(), listener == null ? TrainingListener.NONE : listener);
        double[] losses = new double[steps];
        int taken = 0;
        Elementwise elementwise = Backend.current().networkElementwise();
        try (Workers workers = Workers.forTraining(elementwise, threads)) {
            Run run = new Run(network, Points.of(data), data.labels(), random, parameters, elementwise, workers);
            while (taken < steps && !Thread.currentThread().isInterrupted()) {
                losses[taken] = run.step(adam);
                taken++;
                updateAverage(average, parameters.values(), taken);
                progress.stepped(taken, losses[taken - 1]);
            }
        }
        float[] last = parameters.values().clone();
        return new DiffusionModel(network, averageDecay > 0 ? average : last, averageDecay > 0 ? last : null,
                noiseSchedule, classPrior(data), Arrays.copyOf(losses, taken), taken < steps, describe(data),
                getProvenance());
    }

    /** {@code average = d · average + (1 - d) · weights}, d the decay lowered for early steps. */
    private void updateAverage(float[] average, float[] weights, int step) {
        if (averageDecay == 0) {
            return;
        }
        float decay = (float) Math.min(averageDecay, (1.0 + step) / (10.0 + step));
        for (int i = 0; i < average.length; i++) {
            average[i] = decay * average[i] + (1 - decay) * weights[i];
        }
    }

    private double[] classPrior(LabeledData data) {
        if (!classConditional) {
            return null;
        }
        long[] counts = data.classCounts();
        return Arrays.stream(counts).mapToDouble(c -> (double) c / data.size()).toArray();
    }

    private String describe(LabeledData data) {
        return data.source() + "; " + noiseSchedule + ", batch " + batchSize + ", Adam " + learningRate + ", seed " + seed
                + (averageDecay > 0 ? ", weights averaged with decay " + averageDecay : "");
    }

    /** Tells the listener about steps, and about epochs of as many examples as the data has. */
    private final class Progress {

        private final long start = System.nanoTime();
        private final TrainingListener listener;
        private final int stepsPerEpoch;
        private final int epochs;
        private double epochLoss;

        Progress(int examples, TrainingListener listener) {
            this.listener = listener;
            stepsPerEpoch = (examples + batchSize - 1) / batchSize;
            epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
        }

        void stepped(int step, double loss) {
            int epoch = (step - 1) / stepsPerEpoch + 1;
            int batch = (step - 1) % stepsPerEpoch + 1;
            double seconds = (System.nanoTime() - start) / 1e9;
            epochLoss += loss;
            listener.batchFinished(new BatchProgress(epoch, batch, stepsPerEpoch, loss, seconds));
            if (batch == stepsPerEpoch || step == steps) {
                listener.epochFinished(new EpochProgress(epoch, epochs, epochLoss / batch, seconds, null, Double.NaN));
                epochLoss = 0;
            }
        }
    }

    /** The buffers and random stream of one training run. */
    private final class Run {

        private final NoiseNetwork network;
        /** The data points one after another: a batch reads them at random, and rows of their own were scattered over the heap. */
        private final double[] points;
        private final int pointCount;
        private final int[] labels;
        private final SplittableRandom random;
        private final Parameters parameters;
        private final Mlp pass;
        /** The noise of each example, a row of {@code dimension} values per example as the network's output. */
        private final float[] noise;
        private final float[] outputGradient;
        private final double[] noisyPoint;

        Run(NoiseNetwork network, double[][] points, int[] labels, SplittableRandom random, Parameters parameters,
                Elementwise elementwise, Workers workers) {
            this.network = network;
            this.points = Arrays.stream(points).flatMapToDouble(Arrays::stream).toArray();
            this.pointCount = points.length;
            this.labels = labels;
            this.random = random;
            this.parameters = parameters;
            this.pass = Mlp.forTraining(network.layout(), Activation.RELU, elementwise, workers, batchSize,
                    parameters.array(), parameters.gradientArray(), false);
            this.noise = new float[network.dimension() * batchSize];
            this.outputGradient = new float[noise.length];
            this.noisyPoint = new double[network.dimension()];
        }

        /** One optimiser step on a fresh batch; returns the batch loss before the step. */
        double step(Optimiser optimiser) {
            drawBatch();
            float[] predicted = pass.forwardHostInput();
            double sum = 0;
            float scale = 2f / noise.length;
            for (int i = 0; i < noise.length; i++) {
                float error = predicted[i] - noise[i];
                sum += error * error;
                outputGradient[i] = scale * error;
            }
            pass.backwardAndStep(outputGradient, parameters, optimiser);
            return sum / noise.length;
        }

        /** x_t = ᾱ_t x_0 + β̄_t ε for a batch drawn with replacement, written as the network's input. */
        private void drawBatch() {
            float[] input = pass.hostInput();
            int dimension = network.dimension();
            for (int n = 0; n < batchSize; n++) {
                int i = random.nextInt(pointCount);
                int t = 1 + random.nextInt(noiseSchedule.steps());
                double signal = noiseSchedule.alphaBar(t);
                double spread = noiseSchedule.betaBar(t);
                for (int d = 0; d < dimension; d++) {
                    double e = random.nextGaussian();
                    noise[n * dimension + d] = (float) e;
                    noisyPoint[d] = signal * points[i * dimension + d] + spread * e;
                }
                network.writeInput(input, n, noisyPoint, t, labels[i]);
            }
        }
    }

    /**
     * Builds a {@link DiffusionTrainer}; every setter returns the builder, and {@link #build()}
     * checks the whole configuration.
     *
     * <pre>{@code
     * DiffusionTrainer t = DiffusionTrainer.builder().schedule(NoiseSchedule.cosine(1000)).hiddenSizes(64, 64)
     *         .classConditional(true).seed(7).build();
     * }</pre>
     */
    public static final class Builder {

        /** The settings so far, copied at each {@link #build()} so that the builder can go on. */
        private final DiffusionTrainer settings;

        private Builder(DiffusionTrainer settings) {
            this.settings = settings;
        }

        /**
         * The noise schedule, and so T. A cosine schedule sets betaStart and betaEnd back to their
         * defaults, since it has no use for them: the same schedule is then recorded the same way
         * whatever was set before.
         */
        public Builder schedule(NoiseSchedule noise) {
            settings.schedule = noise.kind();
            settings.diffusionSteps = noise.steps();
            settings.betaStart = noise.betaStart();
            settings.betaEnd = noise.betaEnd();
            return this;
        }

        /** Widths of the hidden layers. */
        public Builder hiddenSizes(int... widths) {
            settings.hiddenSizes = widths.clone();
            return this;
        }

        /** Dimensions of the time embedding. */
        public Builder timeEmbedding(int dimensions) {
            settings.timeEmbedding = dimensions;
            return this;
        }

        /** Examples per batch. */
        public Builder batchSize(int examples) {
            settings.batchSize = examples;
            return this;
        }

        /** Adam's learning rate. */
        public Builder learningRate(double rate) {
            settings.learningRate = rate;
            return this;
        }

        /** The number of Adam steps. */
        public Builder steps(int count) {
            settings.steps = count;
            return this;
        }

        /** The seed of the initial weights, the batches, the steps t and the noise. */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /** Whether the network is given each example's class, so that samples can be drawn per class. */
        public Builder classConditional(boolean conditional) {
            settings.classConditional = conditional;
            return this;
        }

        /**
         * The decay of the moving average of the weights, which the model then samples with; 0
         * samples with the last step's weights. Early on the decay is lowered to
         * {@code (1 + step) / (10 + step)}, so that the first weights, which are still random, are
         * soon forgotten even by short runs.
         */
        public Builder averageDecay(double decay) {
            settings.averageDecay = decay;
            return this;
        }

        /** The most threads one training runs on, at least 1; the weights are the same for any. */
        public Builder threads(int threads) {
            settings.threads = threads;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public DiffusionTrainer build() {
            DiffusionTrainer trainer = settings.copy();
            trainer.postConfig();
            return trainer;
        }
    }
}
