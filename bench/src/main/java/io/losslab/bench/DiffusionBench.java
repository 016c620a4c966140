package io.losslab.bench;

import io.losslab.data.FeatureMatrix;
import io.losslab.data.LabeledData;
import io.losslab.diffusion.DiffusionModel;
import io.losslab.diffusion.DiffusionTrainer;
import io.losslab.diffusion.NoiseSchedule;
import io.losslab.diffusion.Points;
import io.losslab.diffusion.Rescaling;
import io.losslab.diffusion.SampleQuality;
import io.losslab.diffusion.Sampler;
import io.losslab.diffusion.Toy2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.factory.Nd4j;
// ND4J ships this shaded copy of Jackson; using it avoids a JSON dependency of our own.
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * DDPM on two moons, LossLab against the same model in PyTorch on the CPU, in one run: the
 * issue's bar. Both train on the same standardised 20,000 points (noise 0.05, seed 0) an MLP with
 * three hidden layers of 128 and a 32-dimensional sinusoidal time embedding, T = 1000 with linear
 * β² from 1e-4 to 0.02, batches of 256, Adam at 1e-3, for 5,000 steps from seed 0, keeping a
 * moving average of the weights (decay 0.999); then each draws 2,000 ancestral samples with the
 * averaged weights and 2,000 with the weights of each of five single steps (the last, and every
 * 250th step before it). One energy-distance function (LossLab's) measures every sample set
 * against the same 2,000 held-out points, beside the data-vs-data floor and the noise ceiling.
 *
 * <p>The weights of single steps are reported as a median because each is a noisy snapshot: on
 * this problem their samples' energy distance moves by a factor of five within a few hundred
 * steps, on either side, so one step against another says little; the average is what DDPM
 * samples with. LossLab's earlier steps come from shorter runs with the same seed, which draw the
 * same batches as the long one up to their end; PyTorch's are copies kept during its one run.
 *
 * <pre>
 * java -cp ... io.losslab.bench.DiffusionBench --python python3 --script bench/python/diffusion_torch.py [--steps N]
 * </pre>
 *
 * <p>The last line printed is always {@code diffusion: ratio vs pytorch = X (...)}: our training
 * seconds over PyTorch's, with the energy distances of both sides' averaged and last weights, or
 * {@code n/a} with the reason.
 */
public final class DiffusionBench {

    private static final String USAGE =
            "usage: DiffusionBench --python INTERPRETER --script diffusion_torch.py [--steps N]";

    private static final int TRAIN_POINTS = 20_000;
    private static final int HELD_OUT_POINTS = 2_000;
    private static final int SAMPLES = 2_000;
    private static final double MOON_NOISE = 0.05;
    private static final long TRAIN_SEED = 0;
    private static final long HELD_OUT_SEED = 1;
    private static final long FLOOR_SEED = 2;
    private static final long NOISE_SEED = 3;
    private static final long SAMPLE_SEED = 4;
    private static final int[] HIDDEN = {128, 128, 128};
    private static final int TIME_EMBEDDING = 32;
    private static final int DIFFUSION_STEPS = 1000;
    private static final double BETA_START = 1e-4;
    private static final double BETA_END = 0.02;
    private static final int BATCH = 256;
    private static final double LEARNING_RATE = 1e-3;
    private static final int DEFAULT_STEPS = 5000;
    private static final long MODEL_SEED = 0;
    private static final double AVERAGE_DECAY = 0.999;
    private static final String LAST_LINE = "diffusion: ratio vs pytorch";
    /** The bar: our energy distance at most this multiple of PyTorch's. */
    private static final double QUALITY_BAR = 1.1;
    private static final double LAST_WEIGHTS_BAR = 1.5;
    private static final int SNAPSHOTS = 5;
    private static final int SNAPSHOT_GAP = 250;

    private final Path python;
    private final Path script;
    private final int steps;
    private final int threads;

    private DiffusionBench(Path python, Path script, int steps) {
        this.python = python;
        this.script = script;
        this.steps = steps;
        int nd4j = Nd4j.getEnvironment().maxMasterThreads();
        this.threads = nd4j > 0 ? nd4j : Runtime.getRuntime().availableProcessors();
    }

    /**
     * One side's result: seconds of training and of sampling (with the averaged weights), the
     * mean loss of the last steps, the samples of the averaged weights, and the samples of the
     * weights as they were at each of {@link #snapshotSteps()}, the last step's last.
     */
    private record Side(String name, double trainSeconds, double sampleSeconds, double finalLoss, double[][] samples,
            List<double[][]> lastWeightSamples) {
    }

    /**
     * The steps whose own weights (not the average) are sampled: the last one and the four before
     * it, {@value #SNAPSHOT_GAP} apart. The weights of any one step swing (see {@link DiffusionTrainer}),
     * so one step says little; the median over five does.
     */
    private List<Integer> snapshotSteps() {
        List<Integer> snapshots = new ArrayList<>();
        for (int k = SNAPSHOTS - 1; k >= 0; k--) {
            if (steps - k * SNAPSHOT_GAP >= 1) {
                snapshots.add(steps - k * SNAPSHOT_GAP);
            }
        }
        return snapshots;
    }

    /**
     * Runs the benchmark and prints the report on standard output; progress goes to standard
     * error. Exits with status 2 on bad arguments and 1 if the PyTorch script fails.
     */
    public static void main(String[] args) {
        DiffusionBench bench;
        try {
            bench = parseArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DiffusionBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            bench.run();
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("DiffusionBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static DiffusionBench parseArguments(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--python", "--script", "--steps").contains(args[i])) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            values.put(args[i], args[i + 1]);
        }
        if (!values.containsKey("--python") || !values.containsKey("--script")) {
            throw new IllegalArgumentException("both --python and --script are required; " + USAGE);
        }
        Path script = Path.of(values.get("--script"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("--script " + script + " is not a file; " + USAGE);
        }
        int steps;
        try {
            steps = Integer.parseInt(values.getOrDefault("--steps", Integer.toString(DEFAULT_STEPS)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--steps must be a whole number, but is " + values.get("--steps"));
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, but is " + steps);
        }
        return new DiffusionBench(Path.of(values.get("--python")), script, steps);
    }

    private void run() {
        LabeledData rawTrain = Toy2D.twoMoons(TRAIN_POINTS, MOON_NOISE, TRAIN_SEED);
        Rescaling unit = Rescaling.standardise(rawTrain);
        LabeledData train = unit.apply(rawTrain);
        double[][] heldOut = unit.apply(Points.of(Toy2D.twoMoons(HELD_OUT_POINTS, MOON_NOISE, HELD_OUT_SEED)));
        double[][] floorSample = unit.apply(Points.of(Toy2D.twoMoons(SAMPLES, MOON_NOISE, FLOOR_SEED)));

        Side ours = trainOurs(train);
        Side theirs = null;
        String torchVersion = null;
        String torchBlas = null;
        if (available()) {
            progress("running the PyTorch peer");
            JsonNode peer = runPeer(train);
            torchVersion = peer.path("torch").asText("?") + " (CPU), " + peer.path("threads").asInt() + " threads";
            torchBlas = peer.path("blas").asText("unknown");
            List<double[][]> lastWeights = new ArrayList<>();
            peer.path("samples_snapshots").forEach(snapshot -> lastWeights.add(samples(snapshot)));
            lastWeights.add(samples(peer.path("samples_last_weights")));
            theirs = new Side("PyTorch", peer.path("train_seconds").asDouble(), peer.path("sample_seconds").asDouble(),
                    peer.path("final_loss").asDouble(), samples(peer.path("samples")), lastWeights);
        }
        report(ours, theirs, torchVersion, torchBlas, heldOut, floorSample);
    }

    private Side trainOurs(LabeledData train) {
        progress("training LossLab's model for " + steps + " steps");
        DiffusionTrainer.Builder trainer = DiffusionTrainer.builder()
                .schedule(NoiseSchedule.linear(DIFFUSION_STEPS, BETA_START, BETA_END))
                .hiddenSizes(HIDDEN)
                .timeEmbedding(TIME_EMBEDDING)
                .batchSize(BATCH)
                .learningRate(LEARNING_RATE)
                .steps(steps)
                .seed(MODEL_SEED)
                .averageDecay(AVERAGE_DECAY);
        long start = System.nanoTime();
        DiffusionModel model = trainer.build().train(train);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        progress("sampling " + SAMPLES + " points over " + DIFFUSION_STEPS + " steps");
        start = System.nanoTime();
        double[][] samples = model.sample(Sampler.ancestral(), SAMPLES, SAMPLE_SEED).last();
        double sampleSeconds = (System.nanoTime() - start) / 1e9;
        List<double[][]> lastWeights = new ArrayList<>();
        for (int snapshot : snapshotSteps()) {
            // The same seed draws the same batches, so a shorter run is the longer one stopped early.
            DiffusionModel stopped = snapshot == steps ? model : trainer.steps(snapshot).build().train(train);
            lastWeights.add(stopped.lastWeights().sample(Sampler.ancestral(), SAMPLES, SAMPLE_SEED).last());
        }
        return new Side("LossLab", trainSeconds, sampleSeconds, tailMean(model.lossHistory()), samples, lastWeights);
    }

    private void report(Side ours, Side theirs, String torchVersion, String torchBlas, double[][] heldOut,
            double[][] floorSample) {
        Quality ourQuality = Quality.of(ours, heldOut, floorSample);
        System.out.println("DDPM on two moons: " + TRAIN_POINTS + " standardised points (noise " + MOON_NOISE
                + "), MLP " + Arrays.toString(HIDDEN) + ", " + TIME_EMBEDDING + "-dim time embedding, T = "
                + DIFFUSION_STEPS + " linear, batch " + BATCH + ", Adam " + LEARNING_RATE + ", " + steps
                + " steps, seed " + MODEL_SEED + ", weights averaged with decay " + AVERAGE_DECAY);
        System.out.printf(Locale.ROOT, "ours: LossLab on ND4J (CPU), %d threads; PyTorch: %s%n", threads,
                torchVersion == null ? "missing" : torchVersion);
        System.out.printf(Locale.ROOT, "BLAS: ours %s; PyTorch %s%n", Blas.nd4j(),
                torchBlas == null ? "missing" : torchBlas);
        System.out.printf(Locale.ROOT, "quality: energy distance of %d ancestral samples to %d held-out points; "
                + "floor (data vs data) %.4f, ceiling (noise vs data) %.4f%n", SAMPLES, heldOut.length,
                ourQuality.averaged().floor(), ourQuality.averaged().ceiling());
        System.out.println();
        System.out.printf(Locale.ROOT, "  %-8s %9s %9s %11s %22s %20s%n", "", "train s", "sample s", "final loss",
                "ED (averaged weights)", "ED (last weights)");
        row(ours, ourQuality);
        if (theirs == null) {
            System.out.println();
            System.out.println(Blas.lastLineWithoutPyTorch(LAST_LINE, ""));
            return;
        }
        Quality theirQuality = Quality.of(theirs, heldOut, floorSample);
        row(theirs, theirQuality);
        System.out.println();
        snapshotRows(ourQuality, theirQuality);
        System.out.println();
        bar("averaged weights", ourQuality.averaged().energyDistance(), theirQuality.averaged().energyDistance(),
                QUALITY_BAR);
        bar("last weights, median over the steps above", ourQuality.medianLast(), theirQuality.medianLast(),
                LAST_WEIGHTS_BAR);
        String details = String.format(Locale.ROOT, "training %d steps %.1f s vs %.1f s; energy distance, averaged "
                + "weights %.4f vs %.4f, last weights (median of %d steps) %.4f vs %.4f", steps, ours.trainSeconds(),
                theirs.trainSeconds(), ourQuality.averaged().energyDistance(), theirQuality.averaged().energyDistance(),
                snapshotSteps().size(), ourQuality.medianLast(), theirQuality.medianLast());
        System.out.println(Blas.lastLine(LAST_LINE, ours.trainSeconds() / theirs.trainSeconds(), torchBlas, details));
    }

    /** The quality of a side's sample sets, measured against the same references. */
    private record Quality(SampleQuality averaged, double[] lastEnergyDistances) {

        static Quality of(Side side, double[][] heldOut, double[][] floorSample) {
            double[] last = side.lastWeightSamples().stream()
                    .mapToDouble(samples -> SampleQuality.measure(samples, heldOut, floorSample, NOISE_SEED)
                            .energyDistance())
                    .toArray();
            return new Quality(SampleQuality.measure(side.samples(), heldOut, floorSample, NOISE_SEED), last);
        }

        /** The energy distance of the last step's own weights. */
        double last() {
            return lastEnergyDistances[lastEnergyDistances.length - 1];
        }

        double medianLast() {
            double[] sorted = lastEnergyDistances.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /** The energy distance of each side's own weights at each snapshot step, and their medians. */
    private void snapshotRows(Quality ours, Quality theirs) {
        System.out.println("energy distance of the weights of single steps (not averaged):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-8s", "step"));
        snapshotSteps().forEach(step -> header.append(String.format(Locale.ROOT, " %8d", step)));
        System.out.println(header.append(String.format(Locale.ROOT, " %8s", "median")));
        for (Map.Entry<String, Quality> side : List.of(Map.entry("LossLab", ours), Map.entry("PyTorch", theirs))) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-8s", side.getKey()));
            for (double distance : side.getValue().lastEnergyDistances()) {
                line.append(String.format(Locale.ROOT, " %8.4f", distance));
            }
            System.out.println(line.append(String.format(Locale.ROOT, " %8.4f", side.getValue().medianLast())));
        }
    }

    private static void row(Side side, Quality quality) {
        System.out.printf(Locale.ROOT, "  %-8s %9.2f %9.2f %11.4f %22.4f %20.4f%n", side.name(), side.trainSeconds(),
                side.sampleSeconds(), side.finalLoss(), quality.averaged().energyDistance(), quality.last());
    }

    private static void bar(String weights, double ours, double theirs, double bar) {
        double ratio = ours / theirs;
        System.out.printf(Locale.ROOT, "quality bar, %s: ours / PyTorch energy distance = %.2f (bar <= %.1f): %s%n",
                weights, ratio, bar, ratio <= bar ? "met" : "missed");
    }

    /** The mean loss of the last hundred steps, a steadier figure than the last step's. */
    private static double tailMean(double[] losses) {
        int from = Math.max(0, losses.length - 100);
        double sum = 0;
        for (int i = from; i < losses.length; i++) {
            sum += losses[i];
        }
        return sum / (losses.length - from);
    }

    private boolean available() {
        return Python.canImport(python, "torch");
    }

    /** Writes the training points for the peer, runs it, and reads its JSON. */
    private JsonNode runPeer(LabeledData train) {
        Path data = null;
        try {
            data = Files.createTempFile("losslab-moons", ".f32");
            Files.write(data, littleEndian(train.features()));
            String json = Python.runScript(peerCommand(data, train.numFeatures()));
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the PyTorch peer's data or output could not be handled: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(data);
        }
    }

    private List<String> peerCommand(Path data, int dimension) {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(
                "--data", data.toString(),
                "--dimension", Integer.toString(dimension),
                "--threads", Integer.toString(threads),
                "--hidden", Arrays.stream(HIDDEN).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                "--time-embedding", Integer.toString(TIME_EMBEDDING),
                "--diffusion-steps", Integer.toString(DIFFUSION_STEPS),
                "--beta-start", Double.toString(BETA_START),
                "--beta-end", Double.toString(BETA_END),
                "--batch", Integer.toString(BATCH),
                "--learning-rate", Double.toString(LEARNING_RATE),
                "--steps", Integer.toString(steps),
                "--average-decay", Double.toString(AVERAGE_DECAY),
                "--samples", Integer.toString(SAMPLES),
                "--seed", Long.toString(MODEL_SEED),
                "--snapshots", snapshotSteps().stream().filter(step -> step < steps).map(String::valueOf)
                        .collect(Collectors.joining(","))));
        return command;
    }

    private static byte[] littleEndian(FeatureMatrix features) {
        float[] values = features.toArray();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    private static double[][] samples(JsonNode node) {
        if (!node.isArray() || node.size() != SAMPLES) {
            throw new IllegalStateException("the PyTorch script printed no " + SAMPLES + " samples");
        }
        double[][] samples = new double[node.size()][];
        for (int i = 0; i < samples.length; i++) {
            JsonNode point = node.get(i);
            samples[i] = new double[point.size()];
            for (int d = 0; d < samples[i].length; d++) {
                samples[i][d] = point.get(d).asDouble();
            }
        }
        return samples;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            progress("could not delete the temporary file " + file + ": " + e.getMessage());
        }
    }

    private static void progress(String message) {
        System.err.println("DiffusionBench: " + message);
    }
}
