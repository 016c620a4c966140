/**
 * Evaluation for LossLab: the metrics of a classifier on a long-tailed problem, computed from the
 * {@link io.losslab.data.Predictions} a model makes of a test set; this package knows nothing of
 * trainers. Comparing losses on one split is {@code io.losslab.experiment}'s.
 *
 * <ul>
 *   <li>{@link io.losslab.eval.ClassificationMetrics}: accuracy, balanced accuracy, macro-F1,
 *       per-class precision and recall, many/medium/few-shot accuracy, the confusion matrix and
 *       {@link io.losslab.eval.Calibration} (ECE over 15 bins).</li>
 *   <li>{@link io.losslab.eval.MultiLabelMetrics}: per-label precision, recall and F1, macro- and
 *       micro-F1 and subset accuracy of a multi-label classifier.</li>
 * </ul>
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(model.predictions(splits.test()));
 * m.balancedAccuracy();
 * }</pre>
 */
package io.losslab.eval;
