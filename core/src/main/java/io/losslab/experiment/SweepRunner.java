package io.losslab.experiment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs the cells of a sweep: on this machine's threads ({@link LocalSweepRunner}, the default),
 * or elsewhere, e.g. on a Spark cluster with the {@code losslab-spark} module. Whatever runs them,
 * each cell's result is {@link SweepJob#run} of that cell, so results do not depend on the runner.
 *
 * <pre>{@code
 * SweepRunner local = SweepRunner.forCluster("local");
 * SweepRunner spark = SweepRunner.forCluster("spark://host:7077");     // needs losslab-spark
 * }</pre>
 */
public interface SweepRunner {

    /** The {@code cluster} value of the runner built into LossLab, on this machine's threads. */
    String LOCAL = "local";

    /**
     * Runs {@code job.run(cell)} for every cell and hands each result to {@code finished} as soon
     * as it is done, on the calling thread, one at a time, in any order; returns when every cell
     * has run. A cell that fails is handed to {@code failed} with a one-sentence reason
     * ({@link SweepJob#reason}), and the others still run. If the calling thread is interrupted,
     * the cells not yet finished are cancelled and this returns promptly, with the thread's
     * interrupt flag set; results already handed over stay handed over.
     */
    void run(SweepJob job, List<SweepCell> cells, Consumer<SweepResult> finished, BiConsumer<SweepCell, String> failed);

    /** What runs the cells, for a table's caption, e.g. {@code local, 2 threads}. */
    String describe();

    /**
     * Makes runners for the {@code cluster} values it knows. A module offers one through
     * {@link ServiceLoader}, listing its class in
     * {@code META-INF/services/io.losslab.experiment.SweepRunner$Factory}.
     */
    interface Factory {

        /** Whether this factory makes a runner for this {@code cluster} value. */
        boolean accepts(String cluster);

        /**
         * A runner for this value, which {@link #accepts} accepted.
         *
         * @throws IllegalArgumentException if the value is malformed, in one sentence
         */
        SweepRunner create(String cluster);
    }

    /**
     * The runner a {@code cluster = ...} value names: {@value #LOCAL} (this machine's threads) is
     * built in; any other value goes to the first {@link Factory} on the class path that accepts
     * it.
     *
     * @throws IllegalArgumentException if no runner accepts the value, saying what to add
     */
    static SweepRunner forCluster(String cluster) {
        String value = cluster == null ? "" : cluster.strip();
        if (value.equals(LOCAL)) {
            return new LocalSweepRunner();
        }
        for (Factory factory : factories()) {
            if (factory.accepts(value)) {
                return factory.create(value);
            }
        }
        if (value.startsWith("local[") || value.startsWith("spark://")) {
            throw new IllegalArgumentException("cluster = " + value + " needs Spark, which this kernel lacks: pick the kernel"
                    + " \"Java (LossLab with Spark)\" that ./losslab notebook --spark installs, or add Spark's jars and the"
                    + " losslab-spark jar (README, \"Sweeps on a Spark cluster\"), or use cluster = local");
        }
        throw new IllegalArgumentException("cluster must be local, local[N], local[*] or spark://host:port, but is '"
                + value + "'");
    }

    /** The factories visible to the thread's class loader and to LossLab's own (a notebook may add jars to either). */
    private static Set<Factory> factories() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Set<Factory> found = new LinkedHashSet<>();
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                SweepRunner.class.getClassLoader()}) {
            for (Factory factory : ServiceLoader.load(Factory.class, loader)) {
                if (seen.add(factory.getClass())) {
                    found.add(factory);
                }
            }
        }
        return found;
    }
}
