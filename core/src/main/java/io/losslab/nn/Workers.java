package io.losslab.nn;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads a training step shares out its work on: the caller and, beside ND4J's CPU backend on
 * a machine with a core to spare, one helper. A training {@link Mlp} splits each batch into
 * {@link #shards()} parts by examples, and a step's products, element-wise loops, gradient sums
 * and optimiser update run one part per thread.
 *
 * <p>Why not leave the threads to the BLAS: at a batch of 128 its second thread speeds up the
 * products alone but leaves everything between them (gathering rows, activations, the optimiser)
 * on one core, and on the smaller products of a diffusion network it buys nothing. Split by
 * examples, both cores do all of it. While any {@code Workers} of two shards is in use, each BLAS
 * call therefore runs on one thread (OpenBLAS's count is process-wide, so it is lowered by the
 * first and restored by the last), and so does every host pass of an {@link Mlp}, for prediction
 * too (see {@link #withOneBlasThread}).
 *
 * <p>The number of shards depends only on where the element-wise work runs, never on the cores
 * found or on what else is training, so that a seed trains the same weights however many cores
 * there are and in any sweep (the same BLAS kernels assumed). Whether the helper takes a shard is decided at each step: only while every training
 * in the process can have two cores (so two trainings on two cores, as a sweep runs them, each run
 * their shards one after the other on their own thread).
 *
 * <p>Between tasks the helper spins for a few tens of microseconds, which is what one step's
 * phases are apart, and then parks, so an idle {@code Workers} costs nothing. Close it when
 * training ends.
 *
 * <pre>{@code
 * try (Workers workers = Workers.forTraining(Elementwise.HOST_LOOPS, 2)) {
 *     Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, workers, 128,
 *             parameters.array(), parameters.gradientArray(), false);
 *     // … gather, forward, loss, pass.backwardAndStep(parameters, optimiser) …
 * }
 * }</pre>
 */
public final class Workers implements AutoCloseable {

    /** What a trainer's {@code threads} setting means, as its configuration describes it. */
    public static final String THREADS_SETTING = "The most threads one training runs on: with 2 or more a helper "
            + "thread takes half of each batch while the machine has two cores for every training running, with 1 "
            + "the caller's thread takes both halves. The weights come out the same either way.";

    /** How long a waiting thread spins before it parks: longer than a step's phases are apart. */
    private static final long SPIN_NANOS = 50_000;
    /** Shards of a host training step: one per thread of a two-core machine, the smallest LossLab runs on. */
    private static final int SHARDS = 2;

    private final int shards;
    /** Whether a helper may take a shard at all; without, the caller runs every shard. */
    private final boolean helpable;
    private boolean inUse;
    private Thread helper;
    private volatile Thread caller;
    private volatile IntConsumer task;
    private volatile int started;
    private volatile int finished;
    private volatile Throwable failure;
    private volatile boolean closed;

    Workers(int shards, boolean helpable) {
        this.shards = shards;
        this.helpable = helpable && shards > 1;
    }

    /**
     * The workers for training with element-wise work done as {@code elementwise} says, on at most
     * {@code threads} threads: two shards on the host, one on a GPU, whose products already run in
     * parallel on the device. With {@code threads} 1 the caller runs both shards, as it does anyway
     * while the machine has no core to spare; either way the numbers are the same.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static Workers forTraining(Elementwise elementwise, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but is " + threads);
        }
        return elementwise == Elementwise.DEVICE_OPS ? single() : new Workers(SHARDS, threads > 1);
    }

    /** One shard on the caller's thread: no helper, and no hold on the BLAS beyond each pass's own. */
    public static Workers single() {
        return new Workers(1, false);
    }

    /** The parts each batch and each parameter update is split into. */
    public int shards() {
        return shards;
    }

    /**
     * Where part {@code part} of {@code parts} starts in an array of {@code length}: the parts are
     * as equal as multiples of 16 allow, so that each starts on a cache line.
     */
    static int partStart(int length, int part, int parts) {
        return part == parts ? length : (int) ((long) length * part / parts) & ~15;
    }

    /**
     * Runs {@code task} once for each shard, 0 … {@link #shards()} - 1, in parallel where the
     * helper takes a shard, and returns when all have finished. A task's exception is thrown here,
     * after the others have finished.
     */
    void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("these workers were closed when their training ended");
        }
        if (shards > 1 && !inUse) {
            Training.begin();
            inUse = true;
        }
        if (!helpable || !Training.twoCoresEach()) {
            for (int shard = 0; shard < shards; shard++) {
                task.accept(shard);
            }
            return;
        }
        startHelper();
        caller = Thread.currentThread();
        this.task = task;
        failure = null;
        int generation = started + 1;
        started = generation;
        LockSupport.unpark(helper);
        Throwable own = null;
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        awaitHelper(generation);
        rethrow(own != null ? own : failure);
    }

    private void startHelper() {
        if (helper == null) {
            helper = new Thread(this::helperLoop, "losslab-training-helper");
            helper.setDaemon(true);
            helper.start();
        }
    }

    private void helperLoop() {
        int seen = 0;
        while (true) {
            long spinStart = System.nanoTime();
            while (started == seen && !closed) {
                pause(spinStart);
            }
            if (closed) {
                return;
            }
            seen = started;
            try {
                task.accept(1);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            finished = seen;
            LockSupport.unpark(caller);
        }
    }

    private void awaitHelper(int generation) {
        long spinStart = System.nanoTime();
        while (finished != generation) {
            pause(spinStart);
        }
    }

    /** Spins while the wait is young, then parks until unparked (or spuriously woken). */
    private void pause(long spinStart) {
        if (System.nanoTime() - spinStart < SPIN_NANOS) {
            Thread.onSpinWait();
        } else {
            LockSupport.park(this);
        }
    }

    /**
     * Runs {@code products} with OpenBLAS on one thread. How a product's sums are split depends
     * on how many threads OpenBLAS runs it on (a 10,000-row prediction's logits differ in half of
     * their last bits between one and two), and that count is the process's: on one thread always,
     * a seed gives the same numbers whether or not another training runs beside it.
     */
    static void withOneBlasThread(Runnable products) {
        OneBlasThread.hold();
        try {
            products.run();
        } finally {
            OneBlasThread.release();
        }
    }

    private static void rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    /** Stops the helper and, if this was the last training, gives the BLAS back its threads; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (helper != null) {
            LockSupport.unpark(helper);
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (inUse) {
            Training.end();
        }
    }

    /**
     * The trainings of this process that split their steps into shards: how many there are, which
     * decides whether each can have a helper. Each holds OpenBLAS to one thread for as long as it
     * runs, over its passes' own holds, so that the count is not set back and forth around every pass.
     */
    private static final class Training {

        private static final int CORES = Runtime.getRuntime().availableProcessors();
        private static volatile int running;

        private Training() {
        }

        static synchronized void begin() {
            running++;
            OneBlasThread.hold();
        }

        static synchronized void end() {
            running--;
            OneBlasThread.release();
        }

        static boolean twoCoresEach() {
            return 2 * running <= CORES;
        }
    }

    /** OpenBLAS's process-wide thread count, held at one while anything holds it, and restored after. */
    private static final class OneBlasThread {

        private static int holders;
        private static int restored;

        private OneBlasThread() {
        }

        static synchronized void hold() {
            if (holders++ == 0) {
                Blas blas = Nd4j.factory().blas();
                restored = blas.getMaxThreads();
                blas.setMaxThreads(1);
            }
        }

        static synchronized void release() {
            if (--holders == 0) {
                Nd4j.factory().blas().setMaxThreads(restored);
            }
        }
    }
}
