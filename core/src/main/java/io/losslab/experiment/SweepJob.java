package io.losslab.experiment;

import io.losslab.data.DataSplits;
import io.losslab.data.LabeledData;
import io.losslab.data.LongTail;
import io.losslab.data.ShotThresholds;
import io.losslab.train.NdTrainer;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * What every run of one sweep shares — the training set before any long tail, the test set, the
 * trainer's settings, the contenders and the shot groups — and how one run goes. It is
 * serializable (data as plain arrays, settings as plain fields), so a runner on a cluster ships it
 * to each machine once and then sends only {@link SweepCell}s.
 *
 * <p>A run is a one-row {@link Comparison}: the training set made long-tailed with the cell's ρ
 * and seed, the trainer given the cell's seed, the contender trained and evaluated on the test
 * set. It depends on nothing but the job and the cell, so any runner, in any order, on any
 * number of threads, gives the same result for the same cell.
 *
 * <pre>{@code
 * SweepJob job = SweepJob.of(mlp, List.of(Contender.loss("ce")), splits, ShotThresholds.DEFAULT);
 * SweepResult r = job.run(new SweepCell("ce", 100, 0));
 * }</pre>
 */
public final class SweepJob implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NdTrainer trainer;
    private final Map<String, Contender> contenders;
    private final LabeledData train;
    private final LabeledData test;
    private final ShotThresholds thresholds;

    private SweepJob(NdTrainer trainer, Map<String, Contender> contenders, LabeledData train, LabeledData test,
            ShotThresholds thresholds) {
        this.trainer = trainer;
        this.contenders = contenders;
        this.train = train;
        this.test = test;
        this.thresholds = thresholds;
    }

    /**
     * A job over these contenders; only the training and test sets of {@code data} are kept (a
     * run reports no epochs, so it needs no validation set).
     *
     * @throws IllegalArgumentException if there are no contenders, two share a name, or one is
     *     trained by its own Tribuo trainer, whose seed the sweep cannot vary
     */
    public static SweepJob of(NdTrainer trainer, List<Contender> contenders, DataSplits data, ShotThresholds thresholds) {
        return new SweepJob(trainer, byName(contenders), data.train(), data.test(), thresholds);
    }

    /**
     * The contenders by name, checked.
     *
     * @throws IllegalArgumentException if there are none, two share a name, or one is trained by
     *     its own Tribuo trainer
     */
    static Map<String, Contender> byName(List<Contender> contenders) {
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("contenders must hold at least one loss, but is empty");
        }
        Map<String, Contender> byName = new LinkedHashMap<>();
        for (Contender contender : contenders) {
            if (!contender.trainedBySeededTrainer()) {
                throw new IllegalArgumentException("contender '" + contender.name() + "' is trained outside the sweep's trainer"
                        + " (by a Tribuo trainer with its own seed, or beforehand), which a sweep over seeds cannot vary;"
                        + " sweep loss specs and post-hoc rows");
            }
            if (byName.put(contender.name(), contender) != null) {
                throw new IllegalArgumentException("two contenders are named '" + contender.name()
                        + "': every row needs its own name");
            }
        }
        return byName;
    }

    /**
     * Runs one cell on the calling thread. If the thread is interrupted, training stops after its
     * current batch and the run is abandoned, never returned half-trained.
     *
     * @throws IllegalArgumentException if the cell names no contender of this job, or the long
     *     tail cannot be made from the training set
     * @throws CancellationException if the thread was interrupted
     */
    public SweepResult run(SweepCell cell) {
        Contender contender = contenders.get(cell.contender());
        if (contender == null) {
            throw new IllegalArgumentException("cell " + cell + " names no contender of this sweep; the contenders are "
                    + contenders.keySet());
        }
        LabeledData cellTrain = cell.longTailed() ? LongTail.exponential(cell.rho()).apply(train, cell.seed()) : train;
        NdTrainer seeded = trainer.toBuilder().seed(cell.seed()).build();
        ComparisonRow row = Comparison.builder(seeded).add(contender).thresholds(thresholds).build()
                .run(DataSplits.of(cellTrain, test)).rows().get(0);
        if (row.interrupted() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("run " + cell + " was interrupted before it finished");
        }
        return new SweepResult(cell, RunMetrics.of(row.metrics()), row.trainingSeconds());
    }

    /**
     * This job with each run's training on at most {@code threads} threads, as a runner that gives
     * each run a share of a machine sets it; the results are the same.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public SweepJob withThreads(int threads) {
        return new SweepJob(trainer.toBuilder().threads(threads).build(), contenders, train, test, thresholds);
    }

    /** The contenders' names, in order. */
    public List<String> contenders() {
        return List.copyOf(contenders.keySet());
    }

    /** The trainer every run starts from (each run sets its own seed). */
    public NdTrainer trainer() {
        return trainer;
    }

    /** The training set before any long tail. */
    public LabeledData train() {
        return train;
    }

    /** The test set. */
    public LabeledData test() {
        return test;
    }

    /**
     * Why a run failed, in one sentence: the failure's own message, or its kind when it has none.
     * Runners pass this to their {@code failed} callback.
     */
    public static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
