/**
 * Training for LossLab: ND4J trainers of softmax regression and MLPs that are Tribuo trainers,
 * single-label with any single-label loss of {@link io.losslab.loss} and multi-label with the
 * multi-label ones, sharing one training loop, and re-weighting for Tribuo's own trainers. Models
 * hand out their {@link io.losslab.data.Predictions} of a test set; the metrics of those are
 * {@code io.losslab.eval}'s, the package above this one.
 *
 * <ul>
 *   <li>{@link io.losslab.train.NdTrainer} builds and trains; {@link io.losslab.train.NdModel} is
 *       the Tribuo model it returns, with whole-matrix prediction and post-hoc logit adjustment.</li>
 *   <li>{@link io.losslab.train.MultiLabelTrainer} trains the same networks with a multi-label loss
 *       ({@code zlpr}, {@code sigmoid-ce}, ...); its {@link io.losslab.train.MultiLabelModel}
 *       predicts every label of positive logit, with no threshold tuned.</li>
 *   <li>{@link io.losslab.train.TrainingListener} follows a run batch by batch and epoch by epoch;
 *       interrupting the training thread returns the model trained so far.</li>
 *   <li>{@link io.losslab.train.ExampleWeights} weights a Tribuo dataset's examples by class.</li>
 *   <li>{@link io.losslab.train.Backend} says whether ND4J computes on the CPU or a GPU.</li>
 * </ul>
 *
 * <pre>{@code
 * NdModel model = NdTrainer.builder().loss("focal(gamma=2)").hiddenSizes(256, 256).build().train(splits.train());
 * System.out.println(ClassificationMetrics.of(model.predictions(splits.test())));
 * }</pre>
 */
package io.losslab.train;
