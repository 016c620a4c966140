package io.losslab.magics;

import io.losslab.plot.TrainingCurves;
import io.losslab.train.BatchProgress;
import io.losslab.train.EpochProgress;
import io.losslab.train.TrainingListener;
import java.util.Locale;

/**
 * What a notebook shows while a model trains: a progress bar and the loss and validation curves,
 * both redrawn in place a few times a second at most, and drawn once more when training ends.
 */
final class TrainingDisplay implements TrainingListener, AutoCloseable {

    private final MagicContext context;
    private final ProgressBar bar;
    private final TrainingCurves curves;
    private final int epochs;
    private String curvesId;
    private long done;
    private long total;
    private String note = "";

    TrainingDisplay(MagicContext context, String label, int epochs) {
        this.context = context;
        this.epochs = epochs;
        this.bar = ProgressBar.start(context, label, 0);
        this.curves = TrainingCurves.live(figure -> {
            if (curvesId == null) {
                curvesId = context.display(figure);
            } else {
                context.updateDisplay(curvesId, figure);
            }
        });
    }

    @Override
    public void batchFinished(BatchProgress progress) {
        curves.addLoss(progress.epochProgress(), progress.loss());
        done = (long) (progress.epoch() - 1) * progress.batchesPerEpoch() + progress.batch();
        total = (long) epochs * progress.batchesPerEpoch();
        note = String.format(Locale.ROOT, "epoch %d/%d, loss %.4f", progress.epoch(), epochs, progress.loss());
        bar.update(done, total, note);
    }

    @Override
    public void epochFinished(EpochProgress progress) {
        if (progress.hasValidation()) {
            curves.addValidation(progress.epoch(), progress.validation().balancedAccuracy());
            note = String.format(Locale.ROOT, "epoch %d/%d, loss %.4f, validation balanced accuracy %.3f",
                    progress.epoch(), epochs, progress.meanLoss(), progress.validation().balancedAccuracy());
        }
    }

    @Override
    public void close() {
        curves.close();
        bar.finish(done, note);
    }
}
