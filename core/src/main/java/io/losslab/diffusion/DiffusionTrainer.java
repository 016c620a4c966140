package io.losslab.diffusion;

import io.losslab.data.LabeledData;
import io.losslab.nn.Activation;
import io.losslab.nn.Adam;
import io.losslab.nn.Mlp;
import io.losslab.nn.Optimiser;
import io.losslab.nn.Parameters;
import io.losslab.nn.TimeEmbedding;
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
 * <p>An immutable builder: every setting returns a new trainer. The defaults are the two-moons
 * benchmark's model: three hidden layers of 128, a 32-dimensional time embedding, the linear
 * schedule with T = 1000, batches of 256, Adam at 1e-3, 5,000 steps, seed 0, and an average with
 * decay 0.999.
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
 * DiffusionModel model = DiffusionTrainer.create().steps(2000)
 *         .listener(TrainingListener.onEpoch(System.out::println)).train(moons);
 * }</pre>
 */
public final class DiffusionTrainer {

    private static final int[] DEFAULT_HIDDEN = {128, 128, 128};
    private static final int DEFAULT_TIME_EMBEDDING = 32;
    private static final int DEFAULT_BATCH = 256;
    private static final double DEFAULT_LEARNING_RATE = 1e-3;
    private static final int DEFAULT_TRAINING_STEPS = 5000;
    private static final double DEFAULT_AVERAGE_DECAY = 0.999;

    private final NoiseSchedule schedule;
    private final int[] hidden;
    private final int timeEmbedding;
    private final int batchSize;
    private final double learningRate;
    private final int steps;
    private final long seed;
    private final boolean classConditional;
    private final double averageDecay;
    private final TrainingListener listener;

    private DiffusionTrainer(NoiseSchedule schedule, int[] hidden, int timeEmbedding, int batchSize,
            double learningRate, int steps, long seed, boolean classConditional, double averageDecay,
            TrainingListener listener) {
        this.schedule = schedule;
        this.hidden = hidden;
        this.timeEmbedding = timeEmbedding;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.steps = steps;
        this.seed = seed;
        this.classConditional = classConditional;
        this.averageDecay = averageDecay;
        this.listener = listener;
    }

    /** A trainer with the defaults above. */
    public static DiffusionTrainer create() {
        return new DiffusionTrainer(NoiseSchedule.linear(NoiseSchedule.DEFAULT_STEPS), DEFAULT_HIDDEN,
                DEFAULT_TIME_EMBEDDING, DEFAULT_BATCH, DEFAULT_LEARNING_RATE, DEFAULT_TRAINING_STEPS, 0, false,
                DEFAULT_AVERAGE_DECAY, TrainingListener.NONE);
    }

    /** This trainer with another noise schedule (and so another T). */
    public DiffusionTrainer schedule(NoiseSchedule newSchedule) {
        return new DiffusionTrainer(newSchedule, hidden, timeEmbedding, batchSize, learningRate, steps, seed,
                classConditional, averageDecay, listener);
    }

    /**
     * This trainer with hidden layers of these widths.
     *
     * @throws IllegalArgumentException if there is no layer or a width is below 1
     */
    public DiffusionTrainer hiddenLayers(int... widths) {
        if (widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("hiddenLayers must be at least one width of 1 or more, but are "
                    + Arrays.toString(widths));
        }
        return new DiffusionTrainer(schedule, widths.clone(), timeEmbedding, batchSize, learningRate, steps, seed,
                classConditional, averageDecay, listener);
    }

    /**
     * This trainer with a time embedding of this many dimensions.
     *
     * @throws IllegalArgumentException if it is not a positive even number
     */
    public DiffusionTrainer timeEmbedding(int dimensions) {
        if (dimensions < 2 || dimensions % 2 != 0) {
            throw new IllegalArgumentException("timeEmbedding must be a positive even number, but is " + dimensions);
        }
        return new DiffusionTrainer(schedule, hidden, dimensions, batchSize, learningRate, steps, seed,
                classConditional, averageDecay, listener);
    }

    /**
     * This trainer with batches of this many examples.
     *
     * @throws IllegalArgumentException if it is below 1
     */
    public DiffusionTrainer batchSize(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but is " + examples);
        }
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, examples, learningRate, steps, seed,
                classConditional, averageDecay, listener);
    }

    /**
     * This trainer with Adam's learning rate set.
     *
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public DiffusionTrainer learningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, but is " + rate);
        }
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, rate, steps, seed,
                classConditional, averageDecay, listener);
    }

    /**
     * This trainer taking this many Adam steps.
     *
     * @throws IllegalArgumentException if it is below 1
     */
    public DiffusionTrainer steps(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("steps must be at least 1, but is " + count);
        }
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, learningRate, count, seed,
                classConditional, averageDecay, listener);
    }

    /** This trainer with the seed of the initial weights, the batches, the steps t and the noise. */
    public DiffusionTrainer seed(long newSeed) {
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, learningRate, steps, newSeed,
                classConditional, averageDecay, listener);
    }

    /** This trainer giving the network each example's class, so that samples can be drawn per class. */
    public DiffusionTrainer classConditional(boolean conditional) {
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, learningRate, steps, seed,
                conditional, averageDecay, listener);
    }

    /**
     * This trainer keeping a moving average of the weights with this decay, which the model then
     * samples with; 0 samples with the last step's weights. Early on the decay is lowered to
     * {@code (1 + step) / (10 + step)}, so that the first weights, which are still random, are
     * soon forgotten even by short runs.
     *
     * @throws IllegalArgumentException if the decay is outside [0, 1)
     */
    public DiffusionTrainer averageDecay(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("averageDecay must be in [0, 1), but is " + decay);
        }
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, learningRate, steps, seed,
                classConditional, decay, listener);
    }

    /** This trainer telling {@code stepListener} about every step and epoch. */
    public DiffusionTrainer listener(TrainingListener stepListener) {
        if (stepListener == null) {
            throw new IllegalArgumentException("listener must not be null; leave it unset for none");
        }
        return new DiffusionTrainer(schedule, hidden, timeEmbedding, batchSize, learningRate, steps, seed,
                classConditional, averageDecay, stepListener);
    }

    /**
     * Trains on the features of {@code data} (and its classes if class-conditional), which
     * should be on the scale of unit noise (see {@link Rescaling}).
     *
     * @throws IllegalArgumentException if data is empty
     */
    public DiffusionModel train(LabeledData data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("data must hold at least one example, but is empty");
        }
        NoiseNetwork network = new NoiseNetwork(data.numFeatures(), hidden,
                new TimeEmbedding(timeEmbedding, schedule.steps()), classConditional ? data.numClasses() : 0);
        SplittableRandom random = new SplittableRandom(seed);
        Parameters parameters = new Parameters(network.layout().initialParameters(random.split()));
        float[] average = parameters.values().clone();
        Run run = new Run(network, Points.of(data), data.labels(), random, parameters);
        Optimiser adam = new Adam(learningRate, 0);
        adam.initialise(network.layout().parameterCount());
        Progress progress = new Progress(data.size());
        double[] losses = new double[steps];
        int taken = 0;
        while (taken < steps && !Thread.currentThread().isInterrupted()) {
            losses[taken] = run.step(adam);
            taken++;
            updateAverage(average, parameters.values(), taken);
            progress.stepped(taken, losses[taken - 1]);
        }
        float[] last = parameters.values().clone();
        return new DiffusionModel(network, averageDecay > 0 ? average : last, averageDecay > 0 ? last : null, schedule, classPrior(data), Arrays.copyOf(losses, taken),
                taken < steps, describe(data));
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
        return data.source() + "; " + schedule + ", batch " + batchSize + ", Adam " + learningRate + ", seed " + seed
                + (averageDecay > 0 ? ", weights averaged with decay " + averageDecay : "");
    }

    /** Tells the listener about steps, and about epochs of as many examples as the data has. */
    private final class Progress {

        private final long start = System.nanoTime();
        private final int stepsPerEpoch;
        private final int epochs;
        private double epochLoss;

        Progress(int examples) {
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
        private final double[][] points;
        private final int[] labels;
        private final SplittableRandom random;
        private final Parameters parameters;
        private final Mlp pass;
        /** The noise of each example, a row of {@code dimension} values per example as the network's output. */
        private final float[] noise;
        private final float[] outputGradient;
        private final double[] noisyPoint;

        Run(NoiseNetwork network, double[][] points, int[] labels, SplittableRandom random, Parameters parameters) {
            this.network = network;
            this.points = points;
            this.labels = labels;
            this.random = random;
            this.parameters = parameters;
            this.pass = Mlp.forTraining(network.layout(), Activation.RELU, Backend.current().networkElementwise(),
                    batchSize, parameters.array(), parameters.gradientArray(), false);
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
            pass.backward(outputGradient);
            parameters.step(optimiser);
            return sum / noise.length;
        }

        /** x_t = ᾱ_t x_0 + β̄_t ε for a batch drawn with replacement, written as the network's input. */
        private void drawBatch() {
            float[] input = pass.hostInput();
            int dimension = network.dimension();
            for (int n = 0; n < batchSize; n++) {
                int i = random.nextInt(points.length);
                int t = 1 + random.nextInt(schedule.steps());
                double signal = schedule.alphaBar(t);
                double spread = schedule.betaBar(t);
                for (int d = 0; d < dimension; d++) {
                    double e = random.nextGaussian();
                    noise[n * dimension + d] = (float) e;
                    noisyPoint[d] = signal * points[i][d] + spread * e;
                }
                network.writeInput(input, n, noisyPoint, t, labels[i]);
            }
        }
    }
}
