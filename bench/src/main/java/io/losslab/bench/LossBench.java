package io.losslab.bench;

import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.loss.Reduction;
import io.losslab.loss.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times a loss value + gradient pass over two large float32 logit matrices and a training batch
 * for {@code ce}, {@code focal(gamma=2)} and {@code logit-adjusted(tau=1)}, against two floors
 * measured in the same run — one elementwise exp over the matrix, and a copy of it — and against
 * the same computation in PyTorch on the CPU when the given Python can import torch. Each loss
 * writes its gradient into one array made once, as a training loop does; {@code ce} is also timed
 * returning a new array per call.
 *
 * <pre>
 * java -cp ... io.losslab.bench.LossBench --python python3 --script bench/python/losses_torch.py
 * </pre>
 *
 * <p>The last line printed is always {@code losses: worst ratio vs pytorch = X}: the largest
 * ratio of our median time to PyTorch's over every loss and shape, or {@code n/a} with the reason.
 */
public final class LossBench {

    private static final String USAGE = "usage: LossBench --python INTERPRETER --script losses_torch.py";

    /** Two large matrices, and the shape of a training batch: 128 examples of 10 classes. */
    private static final List<Shape> SHAPES = List.of(new Shape(65536, 100), new Shape(4096, 1000), new Shape(128, 10));
    /**
     * As many warm-up runs as timed runs: a loss that returns a new gradient allocates fresh native
     * memory on every call and ND4J frees it only after a GC, so the timed runs should find the
     * memory of as many earlier runs already freed for reuse rather than fault in new pages of
     * their own.
     */
    private static final TimingPlan PLAN = new TimingPlan(15, 1.0, 15);
    private static final double GAMMA = 2;
    private static final double TAU = 1;
    private static final double RHO = 100;
    private static final long SEED = 42;

    /** The losses, by the ids the Python peer uses; {@code withClassCounts} binds the prior-dependent ones. */
    private static final List<BenchLoss> LOSSES = List.of(
            new BenchLoss("ce", Losses.ce()),
            new BenchLoss("focal", Losses.focal(GAMMA)),
            new BenchLoss("logit-adjusted", Losses.logitAdjusted(TAU)));

    /** A loss of the benchmark and the id both sides know it by. */
    private record BenchLoss(String id, Loss loss) {
    }

    private final TorchPeer torch;
    private final BenchSettings settings;

    private LossBench(TorchPeer torch) {
        this.torch = torch;
        this.settings = new BenchSettings(SHAPES, PLAN, nd4jThreads(), GAMMA, TAU, RHO, SEED);
    }

    /**
     * Runs the benchmark and prints the report on standard output; progress goes to standard
     * error. Exits with status 2 on bad arguments and 1 if the PyTorch script fails.
     */
    public static void main(String[] args) {
        TorchPeer torch;
        try {
            torch = parseArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LossBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new LossBench(torch).run();
        } catch (IllegalStateException e) {
            System.err.println("LossBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static TorchPeer parseArguments(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].equals("--python") && !args[i].equals("--script")) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            values.put(args[i], args[i + 1]);
        }
        if (values.size() != 2) {
            throw new IllegalArgumentException("both --python and --script are required; " + USAGE);
        }
        Path script = Path.of(values.get("--script"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("--script " + script + " is not a file; " + USAGE);
        }
        return new TorchPeer(Path.of(values.get("--python")), script);
    }

    /** The threads ND4J's native ops run on, which PyTorch is given as well. */
    private static int nd4jThreads() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private void run() {
        List<ShapeTimings> ours = new ArrayList<>();
        for (Shape shape : settings.shapes()) {
            ours.add(timeShape(shape));
        }
        Map<String, String> names = new LinkedHashMap<>();
        LOSSES.forEach(loss -> names.put(loss.id(), loss.loss().spec()));
        TorchPeer.Results peer = null;
        if (torch.available()) {
            progress("running the PyTorch peer");
            peer = torch.run(settings, List.copyOf(names.keySet()));
        }
        new Report(System.out, names).print(settings, Blas.nd4j(), ours, peer);
    }

    /** The floors and every loss on one shape, with logits and targets made once and reused. */
    private ShapeTimings timeShape(Shape shape) {
        Nd4j.getRandom().setSeed(settings.seed());
        INDArray logits = Nd4j.randn(DataType.FLOAT, shape.rows(), shape.columns());
        Targets targets = Targets.classes(randomLabels(shape), shape.columns());
        INDArray output = logits.ulike();
        INDArray gradient = logits.ulike();
        TimingPlan plan = settings.plan();

        progress("timing the floors on " + shape);
        Timing exp = plan.time(() -> Nd4j.getExecutioner().exec(new Exp(logits, output)));
        Timing copy = plan.time(() -> output.assign(logits));
        long[] counts = settings.classCounts(shape.columns());
        Map<String, Timing> losses = new LinkedHashMap<>();
        for (BenchLoss benchLoss : LOSSES) {
            Loss loss = benchLoss.loss().withClassCounts(counts);
            progress("timing " + loss.spec() + " on " + shape);
            losses.put(benchLoss.id(), plan.time(() -> loss.compute(logits, targets, Reduction.MEAN, gradient)));
        }
        progress("timing ce returning a new gradient on " + shape);
        Timing newGradient = plan.time(() -> Losses.ce().compute(logits, targets, Reduction.MEAN));
        return new ShapeTimings(shape, exp, copy, losses, newGradient);
    }

    private int[] randomLabels(Shape shape) {
        Random random = new Random(settings.seed());
        int[] labels = new int[shape.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(shape.columns());
        }
        return labels;
    }

    private static void progress(String message) {
        System.err.println("LossBench: " + message);
    }
}
