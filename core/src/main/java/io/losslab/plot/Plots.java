package io.losslab.plot;

import io.losslab.experiment.SweepCell;
import io.losslab.experiment.SweepTable;
import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every LossLab figure, each one call from Java. A figure is a {@link Figure}: display its
 * {@link Figure#mimeBundle()} in a notebook (it draws with no network) or {@link Figure#save}
 * it as a page.
 *
 * <pre>{@code
 * ClassCounts train = ClassCounts.of("CIFAR-10-LT", names, counts);
 * Plots.classDistribution(train, Scale.LOG);
 * Plots.lossShapes("ce", "focal(gamma=2)", "soft-truncation(k=4)");
 * Plots.lossSlider("focal");
 * Plots.recallByClassSize(train, Map.of("ce", recallCe, "logit-adjusted", recallLa));
 * }</pre>
 *
 * <p>Large inputs are thinned so that a figure never freezes a browser — scatter plots over
 * 50,000 points are sampled (seeded, the same sample every time), decision-region grids drawn at
 * most 200 × 200 — and the title says so when it happens.
 */
public final class Plots {

    private Plots() {
    }

    /**
     * The class distribution: bars sorted by count and coloured by shot group (many-shot above
     * 100 examples, few-shot below 20), the group boundaries dashed and ρ = n_max / n_min noted.
     */
    public static Figure classDistribution(ClassCounts counts) {
        return classDistribution(counts, Scale.LINEAR);
    }

    /** The class distribution with a linear or (for a long tail) log count axis. */
    public static Figure classDistribution(ClassCounts counts, Scale scale) {
        return classDistribution(counts, scale, DistributionFigures.DEFAULT_MANY_ABOVE, DistributionFigures.DEFAULT_FEW_BELOW);
    }

    /**
     * The class distribution with other shot groups: many-shot above {@code manyAbove} examples,
     * few-shot below {@code fewBelow}.
     *
     * @throws IllegalArgumentException if {@code fewBelow} is negative or the groups overlap
     */
    public static Figure classDistribution(ClassCounts counts, Scale scale, long manyAbove, long fewBelow) {
        return DistributionFigures.single(counts, scale, manyAbove, fewBelow);
    }

    /** Two class distributions side by side on one count scale, e.g. a dataset and its long-tailed version. */
    public static Figure classDistributions(ClassCounts left, ClassCounts right, Scale scale) {
        return classDistributions(left, right, scale, DistributionFigures.DEFAULT_MANY_ABOVE, DistributionFigures.DEFAULT_FEW_BELOW);
    }

    /** Two class distributions side by side, with other shot groups. */
    public static Figure classDistributions(ClassCounts left, ClassCounts right, Scale scale, long manyAbove, long fewBelow) {
        return DistributionFigures.sideBySide(left, right, scale, manyAbove, fewBelow);
    }

    /**
     * Loss shapes for loss specs: value and effective gradient weight relative to {@code ce}
     * against {@code p_y}, for two classes, with {@code ce} dashed as the reference.
     *
     * @throws IllegalArgumentException for a spec that does not parse
     */
    public static Figure lossShapes(String... specs) {
        return lossShapes(Arrays.stream(specs).map(Losses::parse).toList());
    }

    /**
     * Loss shapes for two classes; losses that need class counts must already be bound to them
     * (or use the overload that takes counts).
     */
    public static Figure lossShapes(List<Loss> losses) {
        return LossFigures.shapes(losses, null, 0);
    }

    /**
     * Loss shapes for an example of {@code targetClass} among classes with these training counts,
     * each loss bound to them — e.g. the tail class, to see logit adjustment lift its weight.
     */
    public static Figure lossShapes(List<Loss> losses, long[] classCounts, int targetClass) {
        return LossFigures.shapes(losses, classCounts.clone(), targetClass);
    }

    /**
     * The teaching slider for {@code "focal"} (γ), {@code "logit-adjusted"} (τ, a head and a tail
     * class of 900 and 100 examples), {@code "soft-truncation"} (K), {@code "am-softmax"} (the
     * margin, at scale 1) or {@code "exact"} (σ): the loss shapes with a slider over the parameter
     * that works in an exported page with no kernel.
     *
     * @throws IllegalArgumentException for another name, listing these
     */
    public static Figure lossSlider(String lossName) {
        return LossFigures.slider(lossName);
    }

    /**
     * A slider over any parameter of any loss, e.g. {@code lossSlider("flooding(loss=ce)", "b", 0, 0.5, 1)},
     * for two classes, starting at the first value.
     */
    public static Figure lossSlider(String baseSpec, String parameter, double... values) {
        return LossFigures.slider(baseSpec, parameter, values.clone(), null, 0);
    }

    /** A slider over a parameter of a loss bound to these class counts, one curve per class. */
    public static Figure lossSlider(String baseSpec, String parameter, double[] values, long[] classCounts) {
        return LossFigures.slider(baseSpec, parameter, values.clone(), classCounts.clone(), 0);
    }

    /**
     * Per-class recall against class size (log axis), one line per loss, in the map's order.
     *
     * @param recallByLoss each loss's recall per class, by class index (NaN for a class never seen)
     */
    public static Figure recallByClassSize(ClassCounts trainCounts, Map<String, double[]> recallByLoss) {
        return ResultFigures.recallByClassSize(trainCounts, recallByLoss);
    }

    /**
     * Any per-class metric in [0, 1] against class size (log axis), one line per loss, in the map's
     * order: per-label F1 of a multi-label model against how many examples carry the label, say.
     *
     * <pre>{@code
     * Plots.metricByClassSize(ClassCounts.of("labels", names, positives), "F1", Map.of("zlpr", metrics.f1()));
     * }</pre>
     */
    public static Figure metricByClassSize(ClassCounts trainCounts, String metric, Map<String, double[]> byLoss) {
        return ResultFigures.metricByClassSize(trainCounts, metric, byLoss);
    }

    /** Balanced, many-, medium- and few-shot accuracy as grouped bars, one colour per loss, in the map's order. */
    public static Figure shotAccuracy(Map<String, ShotAccuracy> byLoss) {
        return ResultFigures.shotAccuracy(byLoss);
    }

    /**
     * A sweep's balanced and many/medium/few-shot accuracy at one ρ ({@link SweepCell#AS_GIVEN}
     * without ratios): one bar per contender, its height the mean over seeds and its error bar the
     * 95% interval.
     *
     * <pre>{@code
     * display(Plots.shotAccuracy(table, 100));
     * }</pre>
     */
    public static Figure shotAccuracy(SweepTable table, double rho) {
        return SweepFigures.shotAccuracy(table, rho);
    }

    /**
     * A sweep's per-class recall against class size at one ρ: the mean over seeds as a line, the
     * 95% interval as a band around it, one colour per contender.
     *
     * <pre>{@code
     * display(Plots.recallByClassSize(table, 100));
     * }</pre>
     */
    public static Figure recallByClassSize(SweepTable table, double rho) {
        return SweepFigures.recallByClassSize(table, rho);
    }

    /**
     * A confusion-matrix heatmap, rows the true class and columns the predicted one, coloured by
     * the share of the true class and labelled with counts.
     *
     * @param counts {@code counts[true][predicted]}
     */
    public static Figure confusionMatrix(List<String> classNames, long[][] counts) {
        return ResultFigures.confusionMatrix(classNames, counts);
    }

    /**
     * A reliability diagram from binned predictions: accuracy against mean confidence per bin,
     * the diagonal of perfect calibration, examples per bin below, and the ECE in the title.
     * Empty bins are left out.
     */
    public static Figure reliabilityDiagram(String label, double[] binConfidence, double[] binAccuracy, long[] binCount) {
        return ResultFigures.reliabilityDiagram(label, binConfidence, binAccuracy, binCount);
    }

    /**
     * Training curves from one value per epoch (epochs 1, 2, ...); NaN marks an epoch without a
     * validation value. For curves that grow while training runs, see {@link TrainingCurves}.
     */
    public static Figure trainingCurves(double[] lossPerEpoch, double[] validationBalancedAccuracy) {
        TrainingCurves curves = TrainingCurves.create();
        for (int e = 0; e < lossPerEpoch.length; e++) {
            curves.addLoss(e + 1, lossPerEpoch[e]);
        }
        for (int e = 0; e < validationBalancedAccuracy.length; e++) {
            if (!Double.isNaN(validationBalancedAccuracy[e])) {
                curves.addValidation(e + 1, validationBalancedAccuracy[e]);
            }
        }
        return curves.figure();
    }

    /**
     * Named series of one value per epoch as lines over epochs 1 … n, one colour per series in
     * the map's order; NaN leaves a gap. For training and validation loss with and without
     * flooding, say:
     *
     * <pre>{@code
     * Map<String, double[]> losses = new LinkedHashMap<>();
     * losses.put("ce: training", ce.epochLosses());
     * losses.put("ce: validation", ce.validationLosses());
     * losses.put("flooding: training", flooded.epochLosses());
     * losses.put("flooding: validation", flooded.validationLosses());
     * Plots.curves("Flooding keeps the validation loss down", "epoch", "cross-entropy", losses);
     * }</pre>
     *
     * @throws IllegalArgumentException if there is no series
     */
    public static Figure curves(String title, String xTitle, String yTitle, Map<String, double[]> series) {
        return TrainingCurves.perEpoch(title, xTitle, yTitle, series);
    }

    /**
     * A 2-D embedding: the points coloured by class on equal axes (angles look like angles), and
     * if {@code classDirections} is not null a line from the origin along each class's direction
     * in its colour, as long as the farthest point. Points normalised to unit length by the
     * caller show the angles alone, on the unit circle.
     *
     * <pre>{@code
     * double[][] points = model.embeddings(model.inputs(test)).toDoubleMatrix();
     * Plots.embedding("AM-Softmax, m = 0.35", points, test.labels(), model.classNames(), model.classDirections());
     * }</pre>
     *
     * @param points          N × 2
     * @param labels          the class of each point
     * @param classNames      the name of each class
     * @param classDirections K × 2, or null for none
     * @throws IllegalArgumentException if a point or direction does not have two coordinates,
     *     the counts disagree, or a label is not a class index
     */
    public static Figure embedding(String title, double[][] points, int[] labels, List<String> classNames,
                                   double[][] classDirections) {
        return RegionFigures.embedding(title, points, labels, classNames, classDirections);
    }

    /**
     * Decision regions of a 2-D classifier with the data on top.
     *
     * @param gridX      the grid's x values (columns)
     * @param gridY      the grid's y values (rows)
     * @param predicted  {@code predicted[row][column]}, the class predicted at {@code (gridX[column], gridY[row])}
     * @param points     the data, N × 2
     * @param labels     the class of each point
     * @param classNames the name of each class
     */
    public static Figure decisionRegions(double[] gridX, double[] gridY, int[][] predicted,
                                         double[][] points, int[] labels, List<String> classNames) {
        return RegionFigures.decisionRegions(gridX, gridY, predicted, points, labels, classNames);
    }

    /**
     * 2-D samples through the steps of a diffusion process, as an animation with a slider and a
     * play button, on fixed axes.
     *
     * @param steps   the time step of each frame, e.g. 0, 10, ..., 1000
     * @param samples for each frame, the same N points (N × 2)
     */
    public static Figure diffusionFrames(String title, int[] steps, List<double[][]> samples) {
        return DiffusionFigures.frames(title, steps, samples);
    }

    /**
     * Generated 2-D points over the data they should resemble: the data grey, the samples in
     * colour; more than 50,000 points of either are subsampled (seeded) with a note.
     *
     * @throws IllegalArgumentException if a point does not have two coordinates
     */
    public static Figure samplesOverData(String title, double[][] data, double[][] samples) {
        return DiffusionFigures.samplesOverData(title, data, samples);
    }

    /**
     * Grayscale images in a grid (dark is high), e.g. 8×8 digits or 28×28 Fashion-MNIST, at most
     * 400 of them.
     *
     * @param images one row-major image of {@code width × height} values per row
     */
    public static Figure imageGrid(String title, double[][] images, int width, int height) {
        return DiffusionFigures.imageGrid(title, images, width, height);
    }
}
