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
    private final long steps;
    private String curvesId;
    private long done;
    private long total;
    private String note = "";

    private TrainingDisplay(MagicContext context, String label, int epochs, long steps) {
        this.context = context;
        this.epochs = epochs;
        this.steps = steps;
        this.bar = ProgressBar.start(context, label, 0);
        this.curves = TrainingCurves.live(figure -> {
            if (curvesId == null) {
                curvesId = context.display(figure);
            } else {
                context.updateDisplay(curvesId, figure);
            }
        });
    }

    /** Progress counted in epochs, for trainers that run a whole number of them. */
    static TrainingDisplay forEpochs(MagicContext context, String label, int epochs) {
        return new TrainingDisplay(context, label, epochs, 0);
    }

    /**
     * Progress counted in optimisation steps, for trainers that stop after a number of steps
     * whatever the epochs: a finished run then reads 100%.
     */
    static TrainingDisplay forSteps(MagicContext context, String label, long steps) {
        return new TrainingDisplay(context, label, 0, steps);
    }

    @Override
    public void batchFinished(BatchProgress progress) {
        curves.addLoss(progress.epochProgress(), progress.loss());
        done = (long) (progress.epoch() - 1) * progress.batchesPerEpoch() + progress.batch();
        if (steps > 0) {
            total = steps;
            note = String.format(Locale.ROOT, "step %d/%d, loss %.4f", done, steps, progress.loss());
        } else {
            total = (long) epochs * progress.batchesPerEpoch();
            note = String.format(Locale.ROOT, "epoch %d/%d, loss %.4f", progress.epoch(), epochs, progress.loss());
        }
        bar.update(done, total, note);
    }

    @Override
    public void epochFinished(EpochProgress progress) {
        if (progress.hasValidation() && steps == 0) {
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
