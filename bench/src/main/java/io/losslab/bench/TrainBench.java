package io.losslab.bench;

import io.losslab.data.DataSplits;
import io.losslab.data.FashionMnist;
import io.losslab.data.LabeledData;
import io.losslab.data.LongTail;
import io.losslab.eval.ConfidenceInterval;
import io.losslab.experiment.Comparison;
import io.losslab.experiment.ComparisonListener;
import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.Contender;
import io.losslab.nn.Activation;
import io.losslab.nn.Elementwise;
import io.losslab.nn.Layout;
import io.losslab.nn.Mlp;
import io.losslab.nn.Parameters;
import io.losslab.nn.Workers;
import io.losslab.train.EpochProgress;
import io.losslab.train.NdTrainer;
import io.losslab.train.TrainingListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
// ND4J ships this shaded copy of Jackson; using it avoids a JSON dependency of our own.
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Trains the Fashion-MNIST-LT MLP (784-256-256-10, ReLU, Adam 1e-3, batch 128, cross-entropy) with
 * LossLab and then, when the given Python imports torch, the same model on the same data with the
 * same batch size and thread count in PyTorch on the CPU, and compares seconds per epoch and
 * balanced accuracy.
 *
 * <pre>
 * java -cp ... io.losslab.bench.TrainBench --python python3 --script bench/python/train_torch.py [--epochs 4] [--seeds 5]
 * java -cp ... io.losslab.bench.TrainBench --python python3 --script bench/python/train_torch.py --table
 * </pre>
 *
 * <p>By default both sides train 4 epochs, enough for a speed ratio on a small machine; seconds
 * per epoch are the median over the epochs after the first (which pays for warm-up). LossLab then
 * trains the same model once more in the same JVM, as a notebook's next cell would: its epochs show
 * the speed of a kernel that has trained before, with less of the JIT's compiling beside them, and
 * its accuracy must equal the first run's (the same seed trains the same weights). Each side then
 * trains seeds 1 to 4 (with {@code --seeds N}, to N - 1) for their accuracies alone: after 4 epochs
 * one seed's balanced accuracy moves by a few points, so the two sides' are compared as a mean and
 * 95% interval over the seeds. With
 * {@code --table} LossLab trains the seven rows for 20 epochs and prints the comparison
 * table; its {@code ce} row is then the one timed against PyTorch's 20 epochs.
 *
 * <p>In the same run each side times its gemm floor: the matrix products alone that one epoch
 * needs (forward, each layer's product; backward, each layer's weight gradient and, above the
 * first layer, the gradient of its input), on our side through the prepared products of the
 * {@link Mlp} the trainer uses (in one pass on the BLAS's threads and split into the trainer's
 * shards, the lower counting), on PyTorch's through {@code torch.addmm} and {@code torch.mm} into
 * tensors made once. Each side's seconds per epoch over its own floor says how much of an epoch
 * is something other than matrix products.
 *
 * <p>The last line printed is always {@code train: ratio vs pytorch = X}, LossLab's seconds per
 * epoch over PyTorch's, with both balanced accuracies; X is {@code n/a} when PyTorch is missing or
 * runs on an unoptimised BLAS (see {@link Blas}).
 */
public final class TrainBench {

    private static final String LAST_LINE = "train: ratio vs pytorch";
    private static final String USAGE =
            "usage: TrainBench --python INTERPRETER --script train_torch.py [--epochs N] [--seeds N] [--table]";

    private static final double RHO = 100;
    private static final long HEAD_COUNT = 6000;
    private static final long DATA_SEED = 0;
    private static final long MODEL_SEED = 0;
    private static final int[] HIDDEN = {256, 256};
    private static final double LEARNING_RATE = 1e-3;
    private static final int BATCH_SIZE = 128;
    private static final int SPEED_EPOCHS = 4;
    /** Seeds each side's accuracy is averaged over: one 4-epoch run moves by a few points with its seed. */
    private static final int SPEED_SEEDS = 5;
    private static final int TABLE_EPOCHS = 20;
    private static final String TIMED_LOSS = "ce";
    private static final List<String> TABLE_LOSSES = List.of("ce", "weighted-ce(scheme=inverse)", "focal(gamma=2)",
            "logit-adjusted(tau=1)", "balanced-softmax", "ldam");
    private static final double POST_HOC_TAU = 1;
    /** How each side times its gemm floor; one run is one epoch's products. */
    private static final TimingPlan FLOOR_PLAN = new TimingPlan(2, 1.0, 7);

    /**
     * What one side measured: the seconds of each training epoch, the balanced accuracy after the
     * last, the gemm floor (the median seconds of one epoch's matrix products alone) and the BLAS
     * the products ran on.
     */
    private record Measured(String who, int threads, List<Double> epochSeconds, double[] balancedAccuracies,
            double gemmFloorSeconds, String blas) {

        /** The median seconds of the epochs after the first, or of the one epoch there is. */
        double secondsPerEpoch() {
            List<Double> timed = epochSeconds.size() > 1 ? epochSeconds.subList(1, epochSeconds.size()) : epochSeconds;
            double[] sorted = timed.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        /** The balanced accuracy over the seeds, as mean ± 95% interval (the one value for one seed). */
        ConfidenceInterval balancedAccuracy() {
            return ConfidenceInterval.of95(balancedAccuracies);
        }
    }

    private record Arguments(Path python, Path script, int epochs, int seeds, boolean table) {
    }

    private TrainBench() {
    }

    /**
     * Runs the benchmark and prints the report on standard output; progress goes to standard
     * error. Exits with status 2 on bad arguments and 1 if a side fails.
     */
    public static void main(String[] args) throws IOException {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("TrainBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(arguments);
        } catch (IllegalStateException e) {
            System.err.println("TrainBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Arguments parse(String[] args) {
        Path python = null;
        Path script = null;
        Integer epochs = null;
        Integer seeds = null;
        boolean table = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = true;
                case "--python" -> python = Path.of(value(args, ++i));
                case "--script" -> script = Path.of(value(args, ++i));
                case "--epochs" -> epochs = atLeastOne("--epochs", value(args, ++i));
                case "--seeds" -> seeds = atLeastOne("--seeds", value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        if (python == null || script == null) {
            throw new IllegalArgumentException("both --python and --script are required; " + USAGE);
        }
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("--script " + script + " is not a file; " + USAGE);
        }
        if (table && seeds != null && seeds > 1) {
            throw new IllegalArgumentException("--seeds " + seeds + " is for the speed run: --table trains seed "
                    + MODEL_SEED + " only; " + USAGE);
        }
        return new Arguments(python, script, epochs != null ? epochs : table ? TABLE_EPOCHS : SPEED_EPOCHS,
                seeds != null ? seeds : table ? 1 : SPEED_SEEDS, table);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int atLeastOne(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(option + " must be a whole number >= 1, but is '" + text + "'");
    }

    private static void run(Arguments arguments) throws IOException {
        progress("loading Fashion-MNIST and making it long-tailed");
        DataSplits splits = LongTail.exponential(RHO).headCount(HEAD_COUNT).apply(FashionMnist.load(), DATA_SEED);
        int threads = nd4jThreads();
        NdTrainer trainer = NdTrainer.builder().hiddenSizes(HIDDEN).adam(LEARNING_RATE).batchSize(BATCH_SIZE)
                .epochs(arguments.epochs()).seed(MODEL_SEED).build();
        System.out.printf(Locale.ROOT, "train: Fashion-MNIST-LT (exponential, ρ = %.0f, n_max = %d, seed %d): %d training "
                + "examples, %d test; MLP %d-%s-%d ReLU, Adam %s, batch %d, %s, %d epochs, %d thread%s%n", RHO, HEAD_COUNT,
                DATA_SEED, splits.train().size(), splits.test().size(), splits.train().numFeatures(),
                Arrays.stream(HIDDEN).mapToObj(Integer::toString).collect(Collectors.joining("-")),
                splits.train().numClasses(), LEARNING_RATE, BATCH_SIZE, TIMED_LOSS, arguments.epochs(), threads,
                threads == 1 ? "" : "s");
        List<Double> seconds = new ArrayList<>();
        List<Double> againSeconds = new ArrayList<>();
        double[] balancedAccuracies = arguments.table() ? new double[] {table(trainer, splits, seconds)}
                : speed(trainer, arguments.seeds(), splits, seconds, againSeconds);
        progress("timing LossLab's gemm floor");
        Floor floor = gemmFloor(splits.train());
        Measured ours = new Measured("LossLab (ND4J)", threads, seconds, balancedAccuracies, floor.seconds(),
                Blas.nd4j());
        Measured again = againSeconds.isEmpty() ? null : new Measured("  again, same JVM", threads, againSeconds,
                new double[] {balancedAccuracies[0]}, floor.seconds(), Blas.nd4j());
        Measured peer = torchAvailable(arguments.python()) ? torch(arguments, splits, threads) : null;
        report(ours, again, peer, floor, arguments);
    }

    /**
     * LossLab's timed run: the MLP with cross-entropy, each epoch's wall-clock seconds recorded into
     * {@code seconds}; then the same training again, into {@code againSeconds}; then, untimed, the
     * seeds after the first. Returns the balanced accuracy on the test set of each seed.
     *
     * @throws IllegalStateException if the second training reaches another accuracy than the first
     */
    private static double[] speed(NdTrainer trainer, int seeds, DataSplits splits, List<Double> seconds,
            List<Double> againSeconds) {
        progress("training LossLab's MLP");
        double[] accuracies = new double[seeds];
        accuracies[0] = balancedAccuracy(trainer, splits, epochTimer(seconds));
        progress("training it again in this JVM");
        double again = balancedAccuracy(trainer, splits, epochTimer(againSeconds));
        if (again != accuracies[0]) {
            throw new IllegalStateException(String.format(Locale.ROOT, "trained again with the same seed, LossLab "
                    + "reached a balanced accuracy of %.4f instead of %.4f", again, accuracies[0]));
        }
        for (int s = 1; s < seeds; s++) {
            progress("training seed " + (MODEL_SEED + s) + " for its accuracy");
            accuracies[s] = balancedAccuracy(trainer.toBuilder().seed(MODEL_SEED + s).build(), splits,
                    TrainingListener.NONE);
        }
        return accuracies;
    }

    private static double balancedAccuracy(NdTrainer trainer, DataSplits splits, TrainingListener listener) {
        return trainer.withLoss(TIMED_LOSS).train(splits.train(), null, listener).predictions(splits.test())
                .balancedAccuracy();
    }

    /**
     * The matrix products alone of one training epoch, in the passes the trainer makes (the full
     * batches, then the shorter last one), through the prepared products of an {@link Mlp}, timed
     * two ways: in one pass with the BLAS on its own threads, and split into the trainer's shards
     * on its {@link Workers}, each shard's products on one BLAS thread. Each is the median seconds
     * of {@link #FLOOR_PLAN}'s runs; the floor is the lower, the fastest these products run here.
     */
    private static Floor gemmFloor(LabeledData train) {
        Layout layout = Layout.of(train.numFeatures(), HIDDEN, train.numClasses(), false);
        Parameters parameters = new Parameters(layout.initialParameters(new SplittableRandom(MODEL_SEED)));
        double onePass = epochOfProducts(train, layout, parameters, Workers.single());
        try (Workers workers = Workers.forTraining(Elementwise.HOST_LOOPS, 2)) {
            return new Floor(onePass, epochOfProducts(train, layout, parameters, workers), workers.shards());
        }
    }

    private static double epochOfProducts(LabeledData train, Layout layout, Parameters parameters, Workers workers) {
        int fullBatches = train.size() / BATCH_SIZE;
        int rest = train.size() % BATCH_SIZE;
        Mlp full = productPass(layout, parameters, workers, BATCH_SIZE);
        Mlp last = rest > 0 ? productPass(layout, parameters, workers, rest) : null;
        Timing epoch = FLOOR_PLAN.time(() -> {
            for (int b = 0; b < fullBatches; b++) {
                full.runProducts();
            }
            if (last != null) {
                last.runProducts();
            }
        });
        return epoch.medianMs() / 1e3;
    }

    /** LossLab's floor both ways, in seconds per epoch. */
    private record Floor(double onePassSeconds, double shardedSeconds, int shards) {

        double seconds() {
            return Math.min(onePassSeconds, shardedSeconds);
        }
    }

    /** A training pass of {@code batch} examples with uniform features and a normal logit gradient. */
    private static Mlp productPass(Layout layout, Parameters parameters, Workers workers, int batch) {
        Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, workers, batch, parameters.array(),
                parameters.gradientArray(), false);
        Nd4j.getRandom().setSeed(MODEL_SEED);
        pass.inputFeatures().assign(Nd4j.rand(DataType.FLOAT, batch, layout.width(0)));
        pass.logitGradient().assign(Nd4j.randn(DataType.FLOAT, batch, layout.width(layout.layers())));
        return pass;
    }

    /** The seven-row table; its cross-entropy row is the timed run. Returns that row's balanced accuracy. */
    private static double table(NdTrainer trainer, DataSplits splits, List<Double> seconds) {
        ComparisonListener listener = new ComparisonListener() {
            @Override
            public TrainingListener rowStarted(String name) {
                progress("training " + name);
                return name.equals(TIMED_LOSS) ? epochTimer(seconds) : TrainingListener.NONE;
            }
        };
        Comparison.Builder comparison = Comparison.builder(trainer).listener(listener);
        TABLE_LOSSES.forEach(comparison::losses);
        ComparisonTable table = comparison.add(Contender.postHoc(TIMED_LOSS, POST_HOC_TAU)).build().run(splits);
        System.out.println(table);
        return table.row(TIMED_LOSS).metrics().balancedAccuracy();
    }

    /** Records the seconds of each epoch from the elapsed times the trainer reports. */
    private static TrainingListener epochTimer(List<Double> seconds) {
        double[] last = {0};
        return TrainingListener.onEpoch((EpochProgress p) -> {
            seconds.add(p.elapsedSeconds() - last[0]);
            last[0] = p.elapsedSeconds();
            progress(p.toString());
        });
    }

    private static boolean torchAvailable(Path python) {
        return Python.canImport(python, "torch");
    }

    /** PyTorch on the same data, written to temporary files that are removed afterwards. */
    private static Measured torch(Arguments arguments, DataSplits splits, int threads) throws IOException {
        Path directory = Files.createTempDirectory("losslab-train-bench");
        try {
            Path prefix = directory.resolve("fashion-lt");
            write(splits.train(), prefix, "train");
            write(splits.test(), prefix, "test");
            progress("training the same MLP in PyTorch");
            List<String> command = List.of(arguments.python().toString(), arguments.script().toString(),
                    "--data", prefix.toString(),
                    "--train-size", Integer.toString(splits.train().size()),
                    "--test-size", Integer.toString(splits.test().size()),
                    "--features", Integer.toString(splits.train().numFeatures()),
                    "--classes", Integer.toString(splits.train().numClasses()),
                    "--hidden", Arrays.stream(HIDDEN).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                    "--learning-rate", Double.toString(LEARNING_RATE),
                    "--batch-size", Integer.toString(BATCH_SIZE),
                    "--epochs", Integer.toString(arguments.epochs()),
                    "--threads", Integer.toString(threads),
                    "--seed", Long.toString(MODEL_SEED),
                    "--seeds", Integer.toString(arguments.seeds()),
                    "--warmup-runs", Integer.toString(FLOOR_PLAN.warmupRuns()),
                    "--warmup-seconds", Double.toString(FLOOR_PLAN.warmupSeconds()),
                    "--runs", Integer.toString(FLOOR_PLAN.timedRuns()));
            JsonNode result = new ObjectMapper().readTree(Python.runScript(command));
            List<Double> seconds = new ArrayList<>();
            result.path("epoch_seconds").forEach(node -> seconds.add(node.asDouble()));
            if (seconds.size() != arguments.epochs()) {
                throw new IllegalStateException("the PyTorch script reported " + seconds.size() + " epochs, not "
                        + arguments.epochs());
            }
            JsonNode floor = result.path("gemm_floor").path("median_ms");
            if (!floor.isNumber()) {
                throw new IllegalStateException("the PyTorch script printed no gemm floor");
            }
            List<Double> accuracies = new ArrayList<>();
            result.path("balanced_accuracies").forEach(node -> accuracies.add(node.asDouble()));
            if (accuracies.size() != arguments.seeds()) {
                throw new IllegalStateException("the PyTorch script reported " + accuracies.size()
                        + " balanced accuracies, not one for each of " + arguments.seeds() + " seeds");
            }
            return new Measured("PyTorch " + result.path("torch").asText("?"), result.path("threads").asInt(), seconds,
                    accuracies.stream().mapToDouble(Double::doubleValue).toArray(), floor.asDouble() / 1e3,
                    result.path("blas").asText("unknown"));
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    /** Features as row-major little-endian float32, labels as little-endian int32. */
    private static void write(LabeledData data, Path prefix, String name) throws IOException {
        float[] features = data.features().toArray();
        ByteBuffer x = ByteBuffer.allocate(features.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        x.asFloatBuffer().put(features);
        int[] labels = data.labels();
        ByteBuffer y = ByteBuffer.allocate(labels.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        y.asIntBuffer().put(labels);
        writeFile(Path.of(prefix + "-" + name + "-x"), x);
        writeFile(Path.of(prefix + "-" + name + "-y"), y);
    }

    private static void writeFile(Path path, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static void report(Measured ours, Measured again, Measured peer, Floor floor, Arguments arguments) {
        int epochs = arguments.epochs();
        System.out.printf(Locale.ROOT, "%-18s %-8s %-40s %10s %18s%n", "", "threads", "seconds of each epoch", "s/epoch",
                "balanced accuracy");
        line(ours);
        if (again != null) {
            line(again);
        }
        if (peer == null) {
            System.out.printf(Locale.ROOT, "%-18s %-8s %s%n", "PyTorch", "–", "not run: the given Python cannot import torch");
        } else {
            line(peer);
        }
        String seeds = arguments.seeds() == 1 ? "seed " + MODEL_SEED
                : "seeds " + MODEL_SEED + "-" + (MODEL_SEED + arguments.seeds() - 1) + ", mean ± 95% interval";
        System.out.printf(Locale.ROOT, "balanced accuracy: %s%s; the times are %s's%n", seeds,
                again == null ? "" : " (the run again in the same JVM is seed " + MODEL_SEED + "'s)",
                arguments.seeds() == 1 ? "its" : "seed " + MODEL_SEED);
        floors(ours, again, peer, floor);
        String epochsTimed = epochs > 1 ? "median of epochs 2-" + epochs : "one epoch";
        if (peer == null) {
            System.out.println(Blas.lastLineWithoutPyTorch(LAST_LINE, String.format(Locale.ROOT,
                    "LossLab %.3f s/epoch (%s), balanced accuracy %s after %d epochs (%s)", ours.secondsPerEpoch(),
                    epochsTimed, ours.balancedAccuracy(), epochs, seeds)));
            return;
        }
        String details = String.format(Locale.ROOT, "LossLab %.3f s/epoch vs PyTorch %.3f s/epoch, %s; balanced "
                + "accuracy LossLab %s vs PyTorch %s after %d epochs (%s)", ours.secondsPerEpoch(),
                peer.secondsPerEpoch(), epochsTimed, ours.balancedAccuracy(), peer.balancedAccuracy(), epochs, seeds);
        double ratio = ours.secondsPerEpoch() / peer.secondsPerEpoch();
        System.out.println(Blas.lastLine(LAST_LINE, ratio, peer.blas(), details));
    }

    /** Each side's gemm floor and its seconds per epoch over it, side by side, and the BLAS each ran on. */
    private static void floors(Measured ours, Measured again, Measured peer, Floor floor) {
        String row = "%-24s %18s %18s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, row, "", ours.who(), peer == null ? "PyTorch" : peer.who());
        System.out.printf(Locale.ROOT, row, "s/epoch", seconds(ours.secondsPerEpoch()),
                peer == null ? "n/a" : seconds(peer.secondsPerEpoch()));
        System.out.printf(Locale.ROOT, row, "gemm floor, s/epoch", seconds(ours.gemmFloorSeconds()),
                peer == null ? "n/a" : seconds(peer.gemmFloorSeconds()));
        System.out.printf(Locale.ROOT, row, "s/epoch ÷ gemm floor", times(ours), peer == null ? "n/a" : times(peer));
        if (again != null) {
            System.out.printf(Locale.ROOT, "LossLab trained again in the same JVM, as a notebook's next cell "
                    + "trains: %.3f s/epoch, %s × its gemm floor%n", again.secondsPerEpoch(), times(again));
        }
        System.out.printf(Locale.ROOT, "gemm floor: the matrix products alone of one epoch's forward and backward "
                + "passes, median of %d timed epochs of them%n", FLOOR_PLAN.timedRuns());
        System.out.printf(Locale.ROOT, "LossLab's floor is the lower of: one pass, BLAS on %d threads %.3f s; "
                + "%d shards as the trainer splits a batch, one BLAS thread each, %.3f s%n", ours.threads(),
                floor.onePassSeconds(), floor.shards(), floor.shardedSeconds());
        System.out.printf(Locale.ROOT, "BLAS: LossLab %s; PyTorch %s%n", ours.blas(),
                peer == null ? "missing" : peer.blas());
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String times(Measured side) {
        return String.format(Locale.ROOT, "%.2f", side.secondsPerEpoch() / side.gemmFloorSeconds());
    }

    private static void line(Measured m) {
        String seconds = m.epochSeconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s))
                .collect(Collectors.joining(" "));
        boolean fits = seconds.length() <= 40;
        System.out.printf(Locale.ROOT, "%-18s %-8d %-40s %10.3f %18s%n", m.who(), m.threads(),
                fits ? seconds : seconds.substring(0, 37) + "...", m.secondsPerEpoch(), m.balancedAccuracy());
        if (!fits) {
            System.out.printf(Locale.ROOT, "%-18s all epochs: %s%n", "", seconds);
        }
    }

    /** The threads ND4J's native ops run on, which PyTorch is given as well. */
    private static int nd4jThreads() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private static void progress(String message) {
        System.err.println("TrainBench: " + message);
    }
}
