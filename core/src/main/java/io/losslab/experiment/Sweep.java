package io.losslab.experiment;

import io.losslab.data.DataSplits;
import io.losslab.data.ShotThresholds;
import io.losslab.eval.Format;
import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A comparison over a grid — contenders (loss specs, with ranges such as
 * {@code tau=0..2 step 0.5}), imbalance ratios ρ and seeds — that trains every combination once
 * and returns one {@link SweepTable} of means and 95% intervals, keeping every run. A single
 * seed is noisy: the same ce MLP on a long-tailed set can land several points of balanced
 * accuracy apart from one seed to the next; five seeds show how far.
 *
 * <p>Each run is a {@link SweepCell}: with ratios, the training set is first made long-tailed
 * (exponential profile) with the run's seed; without, it is used as given. Seeds are the
 * trainer's seed and the ones after it. The runs go to a {@link SweepRunner}: this machine's
 * threads unless another is given, e.g. Spark's. If the calling thread is interrupted, the runs
 * not yet finished are cancelled and the table summarises those that finished.
 *
 * <pre>{@code
 * SweepTable t = Sweep.builder(mlp)
 *         .losses("ce", "focal(gamma=2)", "logit-adjusted(tau=0..2 step 0.5)")
 *         .ratios(10, 100).seeds(5)
 *         .build().run(fashion);                        // fashion's training set before the long tail
 * }</pre>
 */
public final class Sweep {

    /** The contender the others are tested against when it is one of them. */
    public static final String DEFAULT_BASELINE = "ce";

    private final NdTrainer trainer;
    private final List<Contender> contenders;
    private final List<Double> ratios;
    private final List<Long> seeds;
    private final SweepRunner runner;
    private final ShotThresholds thresholds;
    private final SweepListener listener;

    private Sweep(Builder builder) {
        this.trainer = builder.trainer;
        this.contenders = List.copyOf(builder.contenders);
        this.ratios = builder.ratios.length == 0 ? List.of(SweepCell.AS_GIVEN)
                : Arrays.stream(builder.ratios).boxed().toList();
        this.seeds = LongStream.range(0, builder.seeds).map(i -> trainer.seed() + i).boxed().toList();
        this.runner = builder.runner;
        this.thresholds = builder.thresholds;
        this.listener = builder.listener;
    }

    /** A builder of a sweep whose runs train with {@code trainer}'s settings, each with its own seed. */
    public static Builder builder(NdTrainer trainer) {
        return new Builder(trainer);
    }

    /** The runs, ρ by ρ and seed by seed, every contender of a seed together: an interrupted sweep keeps whole seeds. */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>();
        for (double rho : ratios) {
            for (long seed : seeds) {
                contenders.forEach(c -> cells.add(new SweepCell(c.name(), rho, seed)));
            }
        }
        return cells;
    }

    /** The contenders' names, in order. */
    public List<String> contenders() {
        return contenders.stream().map(Contender::name).toList();
    }

    /**
     * Runs every cell on the runner and summarises the finished ones. With ratios, {@code data}'s
     * training set is the one before the long tail; its test set is the one every run is scored on.
     */
    public SweepTable run(DataSplits data) {
        SweepJob job = SweepJob.of(trainer, contenders, data, thresholds);
        List<SweepCell> cells = cells();
        List<SweepResult> finished = new ArrayList<>();
        Map<SweepCell, String> failures = new LinkedHashMap<>();
        listener.started(cells.size(), runner.describe());
        runner.run(job, cells, result -> {
            finished.add(result);
            listener.finished(result, finished.size() + failures.size(), cells.size());
        }, (cell, reason) -> {
            failures.put(cell, reason);
            listener.failed(cell, reason, finished.size() + failures.size(), cells.size());
        });
        boolean interrupted = finished.size() + failures.size() < cells.size();
        List<String> names = contenders();
        String baseline = names.contains(DEFAULT_BASELINE) ? DEFAULT_BASELINE : names.get(0);
        return new SweepTable(describe(data), runner.describe(), data.train().classNames(), thresholds, names, ratios,
                seeds, baseline, finished, failures, interrupted);
    }

    private String describe(DataSplits data) {
        String tail = ratios.equals(List.of(SweepCell.AS_GIVEN)) ? ""
                : " made long-tailed (exponential) with ρ = " + String.join(", ", ratios.stream().map(Format::number).toList());
        return "train " + data.train().source() + " (" + data.train().size() + " examples)" + tail + "; test "
                + data.test().source() + " (" + data.test().size() + " examples); " + trainer;
    }

    /**
     * Builds a {@link Sweep}: contenders, and optionally ratios, seeds, a runner, shot groups and
     * a listener.
     *
     * <pre>{@code
     * Sweep s = Sweep.builder(mlp).losses("ce", "ldam").add(Contender.postHoc("ce", 1)).seeds(5).runner(new LocalSweepRunner(2)).build();
     * }</pre>
     */
    public static final class Builder {

        /** The most runs one sweep may plan, so that a slip in a range does not start thousands. */
        public static final int MAX_RUNS = 1000;

        private final NdTrainer trainer;
        private final List<Contender> contenders = new ArrayList<>();
        private double[] ratios = new double[0];
        private int seeds = 1;
        private SweepRunner runner;
        private ShotThresholds thresholds = ShotThresholds.DEFAULT;
        private SweepListener listener = SweepListener.NONE;

        private Builder(NdTrainer trainer) {
            if (trainer == null) {
                throw new IllegalArgumentException("trainer must be given, but is null");
            }
            this.trainer = trainer;
        }

        /**
         * Contenders by loss spec, a spec with a range standing for one per value ({@link SpecRanges}).
         *
         * @throws IllegalArgumentException if a range is malformed or a spec is not a loss
         */
        public Builder losses(String... specs) {
            for (String spec : specs) {
                SpecRanges.expand(spec).forEach(one -> add(Contender.loss(one)));
            }
            return this;
        }

        /** A contender trained by the sweep's trainer: a loss, or a loss with post-hoc adjustment. */
        public Builder add(Contender contender) {
            contenders.add(contender);
            return this;
        }

        /**
         * Imbalance ratios: each run first makes the training set long-tailed with one of them.
         * None (the default) uses the training set as given.
         *
         * @throws IllegalArgumentException if a ratio is below 1 or not finite, or repeats
         */
        public Builder ratios(double... rhos) {
            for (double rho : rhos) {
                if (!(rho >= 1) || Double.isInfinite(rho)) {
                    throw new IllegalArgumentException("ratios must be finite ratios n_max / n_min of at least 1, but has " + rho);
                }
            }
            if (Arrays.stream(rhos).distinct().count() < rhos.length) {
                throw new IllegalArgumentException("ratios must not repeat, but are " + Arrays.toString(rhos));
            }
            this.ratios = rhos.clone();
            return this;
        }

        /**
         * How many seeds each contender runs with: the trainer's seed and the ones after it.
         *
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder seeds(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("seeds must be at least 1, but is " + count);
            }
            this.seeds = count;
            return this;
        }

        /** What runs the cells; this machine's threads ({@link LocalSweepRunner}) unless given. */
        public Builder runner(SweepRunner sweepRunner) {
            this.runner = sweepRunner;
            return this;
        }

        /** The many/medium/few-shot boundaries. */
        public Builder thresholds(ShotThresholds shotThresholds) {
            this.thresholds = shotThresholds;
            return this;
        }

        /** Who follows the runs as they finish. */
        public Builder listener(SweepListener sweepListener) {
            this.listener = sweepListener;
            return this;
        }

        /**
         * The sweep.
         *
         * @throws IllegalArgumentException if there are no contenders, two share a name, one
         *     trains with its own Tribuo seed, or the grid has more than {@value #MAX_RUNS} runs
         */
        public Sweep build() {
            SweepJob.byName(contenders);
            long runs = (long) contenders.size() * Math.max(1, ratios.length) * seeds;
            if (runs > MAX_RUNS) {
                throw new IllegalArgumentException("the sweep plans " + runs + " runs (" + contenders.size()
                        + " contenders × " + Math.max(1, ratios.length) + " ratios × " + seeds + " seeds), more than "
                        + MAX_RUNS + "; narrow a range or take fewer seeds");
            }
            if (runner == null) {
                runner = new LocalSweepRunner();
            }
            return new Sweep(this);
        }
    }
}
