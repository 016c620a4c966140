package io.losslab.magics;

import io.losslab.data.DataSplits;
import io.losslab.data.LabeledData;
import io.losslab.eval.ClassificationMetrics;
import io.losslab.train.NdModel;
import io.losslab.train.NdTrainer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code %%train}: one model on a dataset, with a progress bar and live curves; binds the model. */
final class TrainMagic implements Magic {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public String summary() {
        return "train one model with a loss on a bound dataset, showing progress; bind the model";
    }

    @Override
    public String usage() {
        return """
                %%train DATA [as NAME]
                loss = SPEC            (default ce; any loss of %lossplot's list)
                model = linear | mlp(256, 256)
                epochs = 10   batch = 128   lr = 0.001   optimizer = adam | sgd   seed = 0
                sampling = instance | class-balanced | sqrt   mixup = 0   tau = 0 (post-hoc)
                activation = relu | gelu   dropout = 0   weight-decay = 0   momentum = 0.9
                sigma-anneal = 1       (exact's σ shrinks to this fraction by the last epoch)

                DATA is a dataset bound by %dataset: with a test set (train/test splits) the
                model is evaluated on it, and the validation set, if any, is scored each epoch.
                Stopping the cell stops training at the next batch and keeps the model so far.

                In Java: NdTrainer.builder().loss("focal(gamma=2)").hiddenSizes(256, 256).epochs(10).build()
                             .train(splits.train(), splits.validation(), listener)

                Example:
                  %%train fashionLT as focalModel
                  loss = focal(gamma=2)
                  model = mlp(256, 256)
                  epochs = 5""";
    }

    @Override
    public Object run(List<String> words, String body, MagicContext context) {
        MagicArguments args = MagicArguments.parse(this, words, Set.of()).atMost(1);
        Object data = DatasetMagic.lookUp(this, args.word(0, "the dataset to train on"));
        TrainingOptions options = TrainingOptions.parse(this, body);
        if (!options.otherLines().isEmpty()) {
            throw new MagicUsageException(this, "'" + options.otherLines().get(0) + "' is not an option; the options are "
                    + TrainingOptions.KEYS);
        }
        NdTrainer trainer = options.trainer();
        DataSplits splits = data instanceof DataSplits s ? s : null;
        LabeledData train = splits != null ? splits.train() : (LabeledData) data;
        LabeledData validation = splits != null && splits.hasValidation() ? splits.validation() : null;
        NdModel model;
        try (TrainingDisplay display = TrainingDisplay.forEpochs(context, trainer.toString() + options.quickNote(), options.epochs())) {
            model = trainer.train(train, validation, display);
        }
        if (args.bindName() != null) {
            context.bind(args.bindName(), model);
        }
        return summary(model, splits);
    }

    private static RichText summary(NdModel model, DataSplits splits) {
        String head = String.format(Locale.ROOT, "%s%s: %d epochs in %.1f s", model.lossSpec(),
                model.interrupted() ? " (interrupted)" : "", model.epochsCompleted(), model.trainingSeconds());
        if (splits == null) {
            return RichText.of(head);
        }
        ClassificationMetrics test = ClassificationMetrics.of(model.predictions(splits.test()));
        String metrics = String.format(Locale.ROOT, "test: accuracy %.4f, balanced accuracy %.4f, macro-F1 %.4f, ECE %.4f",
                test.accuracy(), test.balancedAccuracy(), test.macroF1(), test.expectedCalibrationError());
        return new RichText(head + "\n" + metrics, "<p><b>" + RichText.escape(head) + "</b><br>" + RichText.escape(metrics) + "</p>");
    }
}
