package io.losslab.magics;

import io.losslab.data.DataSplits;
import io.losslab.data.ShotGroup;
import io.losslab.experiment.Comparison;
import io.losslab.experiment.ComparisonListener;
import io.losslab.experiment.ComparisonRow;
import io.losslab.experiment.ComparisonTable;
import io.losslab.experiment.Contender;
import io.losslab.plot.ClassCounts;
import io.losslab.plot.Plots;
import io.losslab.plot.ShotAccuracy;
import io.losslab.train.TrainingListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %%compare}: several losses trained the same way on one split, then one results table and
 * the figures that compare them.
 */
final class CompareMagic implements Magic {

    private static final Pattern POST_HOC = Pattern.compile("^(.+?)\\s+with\\s+post-hoc\\s+tau\\s*=\\s*(\\S+)$");
    private static final Pattern TRIBUO = Pattern.compile("^tribuo\\s+(.+)$");

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

                Example:
                  %%compare fashionLT as results
                  model = mlp(256)
                  epochs = 3
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
        TrainingOptions options = TrainingOptions.parse(this, body);
        if (options.otherLines().isEmpty()) {
            throw new MagicUsageException(this, "the cell lists no losses: write one loss spec a line");
        }
        Comparison.Builder comparison = Comparison.builder(options.trainer()).listener(new RowDisplays(context, options));
        for (String line : options.otherLines()) {
            comparison.add(contender(line));
        }
        ComparisonTable table = comparison.build().run(splits);
        context.display(recallFigure(table));
        context.display(Plots.shotAccuracy(shotAccuracies(table)));
        if (args.bindName() != null) {
            context.bind(args.bindName(), table);
        }
        return new RichText(table.toString(), table.toHtml());
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
}
