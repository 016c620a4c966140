/**
 * Evaluation for LossLab: the metrics of a classifier on a long-tailed problem, and the runner
 * that compares losses on one split.
 *
 * <ul>
 *   <li>{@link io.losslab.eval.ClassificationMetrics}: accuracy, balanced accuracy, macro-F1,
 *       per-class precision and recall, many/medium/few-shot accuracy, the confusion matrix and
 *       {@link io.losslab.eval.Calibration} (ECE over 15 bins).</li>
 *   <li>{@link io.losslab.eval.MultiLabelMetrics}: per-label precision, recall and F1, macro- and
 *       micro-F1 and subset accuracy of a multi-label classifier.</li>
 *   <li>{@link io.losslab.eval.Comparison} trains one {@link io.losslab.eval.Contender} per row
 *       and returns a {@link io.losslab.eval.ComparisonTable}, as text, as HTML, and as arrays
 *       for the plots.</li>
 * </ul>
 *
 * <pre>{@code
 * ComparisonTable t = Comparison.of(mlp, "ce", "focal(gamma=2)", "logit-adjusted(tau=1)").run(splits);
 * display(t.toHtml());
 * }</pre>
 */
package io.losslab.eval;
