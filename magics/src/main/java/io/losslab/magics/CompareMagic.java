package io.losslab.magics;

import io.losslab.data.DataSplits;
import io.losslab.data.ShotGroup;
import io.losslab.experiment.Comparison;
import io.losslab.experiment.ComparisonListener;
import io.losslab.experiment.ComparisonRow;
import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.Contender;
import io.losslab.experiment.SpecRanges;
import io.losslab.experiment.Sweep;
import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepListener;
import io.losslab.experiment.SweepResult;
import io.losslab.experiment.SweepRunner;
import io.losslab.experiment.SweepTable;
import io.losslab.plot.ClassCounts;
import io.losslab.plot.Plots;
import io.losslab.plot.ShotAccuracy;
import io.losslab.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %%compare}: several losses trained the same way on one split, then one results table and
 * the figures that compare them. With {@code seeds}, {@code ratios} or {@code cluster} it is a
 * {@link Sweep}: every loss with several seeds (and long tails), a table of means with 95%
 * intervals and paired tests against ce, one progress bar for all the runs.
 */
final class CompareMagic implements Magic {

    private static final Pattern POST_HOC = Pattern.compile("^(.+?)\\s+with\\s+post-hoc\\s+tau\\s*=\\s*(\\S+)$");
    private static final Pattern TRIBUO = Pattern.compile("^tribuo\\s+(.+)$");
    private static final Set<String> SWEEP_OPTIONS = Set.of("seeds", "ratios", "cluster");

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public String summary() {
        return "train several losses on one split and compare them in a table and figures";
    }

    @Override
    public String usage() {
        return """
                %%compare DATA [as NAME]
                model = mlp(256, 256)      (and any other %%train option but loss)
                epochs = 5
                ce                                   one loss spec a line
                focal(gamma=2)
                logit-adjusted(tau=1)
                ce with post-hoc tau=1               ce's model, predicting argmax s - τ log π
                tribuo focal(gamma=2)                Tribuo's LinearSGDTrainer with that objective

                DATA must have a test set (fashion-mnist, or a %dataset split). The table has one
                row per line: accuracy, balanced accuracy, macro-F1, many/medium/few-shot accuracy,
                ECE and training seconds; the figures show recall against class size and accuracy
                by shot group.

                In Java: Comparison.of(trainer, "ce", "focal(gamma=2)").run(splits)

                Sweeps over seeds, ratios and parameter ranges:
                seeds = 5                  each loss with seeds SEED..SEED+4 (seed = ..., 0 unless
                                           given); 1 unless given, the plain comparison above
                ratios = 10, 100           make DATA's training set long-tailed with each ρ first
                                           (so name a balanced set); none: DATA as it is
                cluster = local            local (this machine's threads, the default), local[*]
                                           or spark://host:7077 (the kernel that
                                           ./losslab notebook --spark installs)
                logit-adjusted(tau=0..2 step 0.5)    a range: one loss per value (at most 20)

                A sweep's table shows each metric as mean ± 95% interval over the seeds, ▲ / ▼
                where balanced accuracy is significantly above / below ce's on the same seeds
                (paired t-test, 5%), and keeps every run; stopping the cell keeps the runs that
                finished.

                In Java: Sweep.builder(trainer).losses("ce", "focal(gamma=2)").ratios(100).seeds(5)
                         .build().run(splits)

                Example:
                  %%compare fashionLT as results
                  model = mlp(256)
                  epochs = 3
                  seeds = 5
                  ce
                  logit-adjusted(tau=1)""";
    }

    @Override
    public Object run(List<String> words, String body, MagicContext context) {
        MagicArguments args = MagicArguments.parse(this, words, Set.of()).atMost(1);
        String dataName = args.word(0, "the dataset to compare on");
        if (!(DatasetMagic.lookUp(this, dataName) instanceof DataSplits splits)) {
            throw new MagicUsageException(this, dataName + " has no test set: split it first (%dataset split " + dataName + " as ...)");
        }
        TrainingOptions options = TrainingOptions.parse(this, body, SWEEP_OPTIONS);
        SweepOptions sweep = new SweepOptions(options);
        List<String> lossLines = new ArrayList<>();
        options.otherLines().forEach(line -> lossLines.addAll(expanded(line)));
        if (lossLines.isEmpty()) {
            throw new MagicUsageException(this, "the cell lists no losses: write one loss spec a line");
        }
        List<Contender> contenders = lossLines.stream().map(this::contender).toList();
        Object table = options.hasCellOptions() ? sweep(splits, options, sweep, contenders, context)
                : compare(splits, options, contenders, context);
        if (args.bindName() != null) {
            context.bind(args.bindName(), table);
        }
        return table instanceof SweepTable swept ? new RichText(swept.toString(), swept.toHtml())
                : new RichText(table.toString(), ((ComparisonTable) table).toHtml());
    }

    /** Today's comparison: each loss once, with the trainer's seed, a progress display per row. */
    private ComparisonTable compare(DataSplits splits, TrainingOptions options, List<Contender> contenders,
            MagicContext context) {
        Comparison.Builder comparison = Comparison.builder(options.trainer()).listener(new RowDisplays(context, options));
        contenders.forEach(comparison::add);
        ComparisonTable table = comparison.build().run(splits);
        context.display(recallFigure(table));
        context.display(Plots.shotAccuracy(shotAccuracies(table)));
        return table;
    }

    /** A sweep over seeds and ratios on the cluster's runner, with one progress bar for all its runs. */
    private SweepTable sweep(DataSplits splits, TrainingOptions options, SweepOptions sweep, List<Contender> contenders,
            MagicContext context) {
        Sweep.Builder builder = Sweep.builder(options.trainer());
        try {
            builder.seeds(sweep.seeds).ratios(sweep.ratios).runner(SweepRunner.forCluster(sweep.cluster))
                    .listener(new SweepProgress(context, options));
            contenders.forEach(builder::add);
            SweepTable table = builder.build().run(splits);
            for (double rho : table.ratios()) {
                if (table.results().stream().anyMatch(r -> r.cell().rho() == rho)) {
                    context.display(Plots.recallByClassSize(table, rho));
                    context.display(Plots.shotAccuracy(table, rho));
                }
            }
            return table;
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(this, e.getMessage());
        }
    }

    /** The lines a line stands for: itself, or one per value of its ranges, each refusal quoting the line. */
    private List<String> expanded(String line) {
        try {
            return SpecRanges.expand(line);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(this, "'" + line + "': " + e.getMessage());
        }
    }

    private Contender contender(String line) {
        Matcher postHoc = POST_HOC.matcher(line);
        if (postHoc.matches()) {
            double tau = MagicArguments.number(this, "tau", postHoc.group(2));
            return forLine(line, () -> Contender.postHoc(postHoc.group(1), tau));
        }
        Matcher tribuo = TRIBUO.matcher(line);
        return forLine(line, () -> tribuo.matches() ? Contender.tribuoLinear(tribuo.group(1)) : Contender.loss(line));
    }

    /** The contender {@code make} gives, with its refusal quoting the line. */
    private Contender forLine(String line, Supplier<Contender> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(this, "'" + line + "': " + e.getMessage());
        }
    }

    private static io.losslab.plot.Figure recallFigure(ComparisonTable table) {
        return Plots.recallByClassSize(ClassCounts.of("training set", table.classNames(), table.trainingCounts()),
                table.recallByRow());
    }

    private static Map<String, ShotAccuracy> shotAccuracies(ComparisonTable table) {
        Map<String, ShotAccuracy> byRow = new LinkedHashMap<>();
        for (ComparisonRow row : table.rows()) {
            byRow.put(row.name(), new ShotAccuracy(row.metrics().balancedAccuracy(), row.metrics().shotAccuracy(ShotGroup.MANY),
                    row.metrics().shotAccuracy(ShotGroup.MEDIUM), row.metrics().shotAccuracy(ShotGroup.FEW)));
        }
        return byRow;
    }

    /** A progress display for each row in turn. */
    private static final class RowDisplays implements ComparisonListener {
        private final MagicContext context;
        private final TrainingOptions options;
        private TrainingDisplay current;

        RowDisplays(MagicContext context, TrainingOptions options) {
            this.context = context;
            this.options = options;
        }

        @Override
        public TrainingListener rowStarted(String name) {
            current = TrainingDisplay.forEpochs(context, name + options.quickNote(), options.epochs());
            return current;
        }

        @Override
        public void rowFinished(ComparisonRow row) {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** The sweep's lines of a cell, read: seeds, ratios and cluster. */
    private final class SweepOptions {
        private final int seeds;
        private final double[] ratios;
        private final String cluster;

        SweepOptions(TrainingOptions options) {
            String seedsGiven = options.cellOption("seeds");
            String ratiosGiven = options.cellOption("ratios");
            String clusterGiven = options.cellOption("cluster");
            seeds = seedsGiven == null ? 1 : atLeastOne("seeds", seedsGiven);
            ratios = ratiosGiven == null ? new double[0] : Arrays.stream(ratiosGiven.split(",")).map(String::strip)
                    .mapToDouble(v -> MagicArguments.number(CompareMagic.this, "ratios", v)).toArray();
            cluster = clusterGiven == null ? SweepRunner.LOCAL : clusterGiven;
        }

        private int atLeastOne(String key, String value) {
            int count = MagicArguments.count(CompareMagic.this, key, value);
            if (count < 1) {
                throw new MagicUsageException(CompareMagic.this, key + " = " + value + " must be at least 1");
            }
            return count;
        }
    }

    /** One progress bar for every run of a sweep, redrawn as runs finish. */
    private static final class SweepProgress implements SweepListener {
        private final MagicContext context;
        private final TrainingOptions options;
        private ProgressBar bar;
        private int failed;

        SweepProgress(MagicContext context, TrainingOptions options) {
            this.context = context;
            this.options = options;
        }

        @Override
        public void started(int total, String runner) {
            bar = ProgressBar.start(context, "sweep: " + total + " runs on " + runner + options.quickNote(), total);
        }

        @Override
        public void finished(SweepResult result, int done, int total) {
            String note = String.format(Locale.ROOT, "last: %s, balanced acc. %.3f", result.cell(),
                    result.metrics().balancedAccuracy()) + failedNote();
            if (done == total) {
                bar.finish(done, note);
            } else {
                bar.update(done, total, note);
            }
        }

        @Override
        public void failed(SweepCell cell, String reason, int done, int total) {
            failed++;
            if (done == total) {
                bar.finish(done, failedNote());
            } else {
                bar.update(done, total, failedNote());
            }
        }

        private String failedNote() {
            return failed == 0 ? "" : "; " + failed + " failed (see the table)";
        }
    }
}
