package io.losslab.plot;

import io.losslab.loss.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One figure of every kind, from small made-up data shaped like the real thing. */
final class SampleFigures {

    static final List<String> FASHION = List.of("T-shirt", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");

    private SampleFigures() {
    }

    /** n_k = 1000 · 100^(-k/9): five many-shot, three medium-shot and two few-shot classes. */
    static ClassCounts longTail() {
        long[] counts = new long[10];
        for (int k = 0; k < 10; k++) {
            counts[k] = Math.round(1000 * Math.pow(100, -k / 9.0));
        }
        // Shuffled so that sorting by count is visible: class index order is not count order.
        long[] shuffled = {counts[3], counts[0], counts[7], counts[1], counts[9], counts[2], counts[5], counts[4], counts[8], counts[6]};
        return ClassCounts.of("Fashion-MNIST-LT", FASHION, shuffled);
    }

    static ClassCounts balanced() {
        long[] counts = new long[10];
        Arrays.fill(counts, 6000);
        return ClassCounts.of("Fashion-MNIST", FASHION, counts);
    }

    static Map<String, double[]> recallByLoss() {
        long[] n = longTail().counts();
        Map<String, double[]> recall = new LinkedHashMap<>();
        String[] losses = {"ce", "focal(gamma=2)", "logit-adjusted(tau=1)"};
        double[] lift = {0, 0.08, 0.2};
        for (int i = 0; i < losses.length; i++) {
            double[] r = new double[n.length];
            for (int k = 0; k < n.length; k++) {
                r[k] = Math.min(1, 0.3 + 0.1 * Math.log10(n[k]) * 2 + lift[i] * (1 - Math.log10(n[k]) / 3));
            }
            recall.put(losses[i], r);
        }
        return recall;
    }

    static Map<String, ShotAccuracy> shotAccuracy() {
        Map<String, ShotAccuracy> byLoss = new LinkedHashMap<>();
        byLoss.put("ce", new ShotAccuracy(0.61, 0.92, 0.60, 0.21));
        byLoss.put("focal(gamma=2)", new ShotAccuracy(0.64, 0.90, 0.64, 0.30));
        byLoss.put("logit-adjusted(tau=1)", new ShotAccuracy(0.72, 0.86, 0.71, 0.55));
        return byLoss;
    }

    static long[][] confusion() {
        long[] n = longTail().counts();
        long[][] m = new long[10][10];
        for (int t = 0; t < 10; t++) {
            long right = Math.round(n[t] * 0.7);
            m[t][t] = right;
            m[t][(t + 1) % 10] = n[t] - right;
        }
        return m;
    }

    static Figure reliability() {
        double[] confidence = new double[10];
        double[] accuracy = new double[10];
        long[] count = new long[10];
        for (int b = 0; b < 10; b++) {
            confidence[b] = (b + 0.5) / 10;
            accuracy[b] = Math.pow(confidence[b], 1.4);
            count[b] = 20 + 30L * b * b;
        }
        count[0] = 0;
        return Plots.reliabilityDiagram("ce", confidence, accuracy, count);
    }

    static Figure training() {
        double[] loss = new double[20];
        double[] bacc = new double[20];
        for (int e = 0; e < 20; e++) {
            loss[e] = 2.3 * Math.exp(-e / 6.0) + 0.2;
            bacc[e] = 0.9 - 0.8 * Math.exp(-e / 5.0);
        }
        return Plots.trainingCurves(loss, bacc);
    }

    /** Two moons, and a classifier that splits them along a curve. */
    static Figure regions() {
        Random random = new Random(7);
        int n = 400;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double angle = Math.PI * random.nextDouble();
            labels[i] = i % 2;
            points[i] = labels[i] == 0
                    ? new double[] {Math.cos(angle) + 0.1 * random.nextGaussian(), Math.sin(angle) + 0.1 * random.nextGaussian()}
                    : new double[] {1 - Math.cos(angle) + 0.1 * random.nextGaussian(), 0.5 - Math.sin(angle) + 0.1 * random.nextGaussian()};
        }
        double[] gx = grid(-1.5, 2.5, 120);
        double[] gy = grid(-1, 1.5, 100);
        int[][] predicted = new int[gy.length][gx.length];
        for (int r = 0; r < gy.length; r++) {
            for (int c = 0; c < gx.length; c++) {
                predicted[r][c] = gy[r] > 0.25 + 0.5 * Math.sin(2 * gx[c]) - 0.3 ? 0 : 1;
            }
        }
        return Plots.decisionRegions(gx, gy, predicted, points, labels, List.of("upper moon", "lower moon"));
    }

    /** The forward process of a ring of points into noise, x_t = ᾱ_t x_0 + β̄_t ε. */
    static Figure diffusion() {
        Random random = new Random(3);
        int n = 300;
        double[][] x0 = new double[n][];
        double[][] eps = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            x0[i] = new double[] {2 * Math.cos(a), 2 * Math.sin(a)};
            eps[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        int frames = 11;
        int[] steps = new int[frames];
        List<double[][]> samples = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            steps[f] = f * 100;
            double alphaBar = Math.cos(Math.PI / 2 * f / (frames - 1.0));
            double betaBar = Math.sqrt(1 - alphaBar * alphaBar);
            double[][] xt = new double[n][];
            for (int i = 0; i < n; i++) {
                xt[i] = new double[] {alphaBar * x0[i][0] + betaBar * eps[i][0], alphaBar * x0[i][1] + betaBar * eps[i][1]};
            }
            samples.add(xt);
        }
        return Plots.diffusionFrames("Forward process: taking the ring apart", steps, samples);
    }

    /** Sixteen 8×8 images: a bar at each position and angle, values 0..16 like the UCI digits. */
    static Figure images() {
        double[][] images = new double[16][64];
        for (int i = 0; i < 16; i++) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean on = i % 2 == 0 ? c == i / 2 : r == i / 2;
                    images[i][r * 8 + c] = on ? 16 : (r + c) % 3;
                }
            }
        }
        return Plots.imageGrid("8×8 samples", images, 8, 8);
    }

    /** Three classes of unit embeddings around their directions, as a cosine head with a margin leaves them. */
    static Figure embedding() {
        Random random = new Random(11);
        double[] angles = {0.3, 2.4, 4.3};
        int n = 300;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            double angle = angles[labels[i]] + 0.25 * random.nextGaussian();
            points[i] = new double[] {Math.cos(angle), Math.sin(angle)};
        }
        double[][] directions = Arrays.stream(angles).mapToObj(a -> new double[] {Math.cos(a), Math.sin(a)})
                .toArray(double[][]::new);
        return Plots.embedding("AM-Softmax embedding", points, labels, List.of("setosa", "versicolor", "virginica"),
                directions);
    }

    /** Training and validation loss with and without flooding, the validation loss of ce turning up. */
    static Figure floodingCurves() {
        int epochs = 60;
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] ceTrain = new double[epochs];
        double[] ceValidation = new double[epochs];
        double[] floodTrain = new double[epochs];
        double[] floodValidation = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            ceTrain[e] = 2.3 * Math.exp(-e / 8.0);
            ceValidation[e] = 2.3 * Math.exp(-e / 8.0) + 0.3 + 0.01 * e;
            floodTrain[e] = Math.max(0.3, ceTrain[e]);
            floodValidation[e] = Math.max(0.6, ceValidation[e] - 0.01 * e);
        }
        series.put("ce: training", ceTrain);
        series.put("ce: validation", ceValidation);
        series.put("flooding: training", floodTrain);
        series.put("flooding: validation", floodValidation);
        return Plots.curves("Flooding at b = 0.3", "epoch", "loss", series);
    }

    /** Every kind of figure, in the order of the design. */
    static List<Figure> all() {
        ClassCounts lt = longTail();
        return List.of(
                Plots.classDistribution(lt, Scale.LOG),
                Plots.classDistributions(balanced(), lt, Scale.LOG),
                Plots.lossShapes(List.of(Losses.ce(), Losses.focal(2), Losses.logitAdjusted(1)), new long[] {900, 100}, 1),
                Plots.lossSlider("focal"),
                Plots.recallByClassSize(lt, recallByLoss()),
                Plots.shotAccuracy(shotAccuracy()),
                Plots.confusionMatrix(FASHION, confusion()),
                reliability(),
                training(),
                regions(),
                embedding(),
                floodingCurves(),
                diffusion(),
                images());
    }

    static double[] grid(double from, double to, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = from + (to - from) * i / (n - 1.0);
        }
        return g;
    }
}
