package io.losslab.experiment;

import io.losslab.eval.ClassificationMetrics;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * One row of a {@link ComparisonTable}: a trained model and how it did on the test set.
 *
 * <pre>{@code
 * ComparisonRow row = table.row("focal(gamma=2)");
 * LabelEvaluation tribuo = new LabelEvaluator().evaluate(row.model(), splits.test().toTribuo());
 * }</pre>
 *
 * @param name            the row's name: the loss spec, or what the contender was called
 * @param metrics         the test-set metrics
 * @param trainingSeconds wall-clock seconds of training; NaN for a model trained outside the comparison
 * @param interrupted     whether training was interrupted before it finished
 * @param model           the trained model, a Tribuo model for Tribuo's own evaluators; null for a
 *                        model trained outside the comparison ({@link Contender#trained})
 */
public record ComparisonRow(String name, ClassificationMetrics metrics, double trainingSeconds, boolean interrupted,
        Model<Label> model) {
}
