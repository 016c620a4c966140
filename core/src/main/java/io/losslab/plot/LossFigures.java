package io.losslab.plot;

import io.losslab.loss.ClassPrior;
import io.losslab.loss.Loss;
import io.losslab.loss.LossShape;
import io.losslab.loss.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss-shape figures: value and effective gradient weight against {@code p_y}, for a list of
 * losses or for one loss with a slider over a parameter.
 */
final class LossFigures {

    private static final double[] P = LossShape.grid(99);
    private static final String X_TITLE = "target probability p<sub>y</sub>";
    private static final String VALUE_TITLE = "loss per example";
    private static final String WEIGHT_TITLE = "gradient weight |∂L/∂s<sub>y</sub>| / |∂CE/∂s<sub>y</sub>|";

    /** A teaching slider: the loss, the parameter it moves, the values, the starting one, and counts if it needs them. */
    private record Preset(String baseSpec, String parameter, double[] values, double start, long[] classCounts) {
    }

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("focal", new Preset("focal", "gamma", steps(0, 5, 0.5), 2, null));
        // A head class nine times the tail one: logit adjustment moves their weights apart.
        PRESETS.put("logit-adjusted", new Preset("logit-adjusted", "tau", steps(0, 2, 0.25), 1, new long[] {900, 100}));
        PRESETS.put("soft-truncation", new Preset("soft-truncation", "k", new double[] {0.5, 1, 2, 4, 8, 16}, 1, null));
        // Scale 1 keeps the logits those of the softmax on the x axis, so only the margin moves the curve.
        PRESETS.put("am-softmax", new Preset("am-softmax(scale=1)", "margin", steps(0, 0.5, 0.05), 0.35, null));
        // Halving σ steepens the step towards the 0/1 loss at p_y = 1/2, where the two logits tie.
        PRESETS.put("exact", new Preset("exact", "sigma", new double[] {0.125, 0.25, 0.5, 1, 2, 4}, 1, null));
    }

    private LossFigures() {
    }

    static Figure shapes(List<Loss> losses, long[] classCounts, int targetClass) {
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("losses must name at least one loss, but is empty");
        }
        requirePositive(classCounts);
        int numClasses = classCounts == null ? 2 : classCounts.length;
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < losses.size(); i++) {
            Loss loss = classCounts == null ? losses.get(i) : losses.get(i).withClassCounts(classCounts);
            traces.addAll(pair(LossShape.of(loss, numClasses, targetClass, P), loss.spec(), Palette.color(i), "solid"));
        }
        if (losses.stream().noneMatch(l -> l.spec().equals("ce"))) {
            traces.addAll(pair(LossShape.of(Losses.ce(), numClasses, targetClass, P), "ce (reference)",
                    Palette.REFERENCE, "dash"));
        }
        String target = classCounts == null ? "two classes"
                : numClasses + " classes, target class " + targetClass + " (n = " + Labels.count(classCounts[targetClass]) + ")";
        return Figure.of(twoPanels("Loss shapes against p<sub>y</sub> — " + target), traces);
    }

    static Figure slider(String lossName) {
        Preset preset = PRESETS.get(lossName);
        if (preset == null) {
            throw new IllegalArgumentException("no teaching slider for '" + lossName + "'; there are: "
                    + String.join(", ", PRESETS.keySet()) + " (any loss works with lossSlider(spec, parameter, values))");
        }
        return slider(preset.baseSpec, preset.parameter, preset.values, preset.classCounts, nearest(preset.values, preset.start));
    }

    /**
     * The curves of {@code baseSpec} with {@code parameter} set to each value, as slider steps
     * that replace the curves' y values and the title — plain plotly.js, so the slider moves in
     * an exported page with no kernel behind it.
     */
    static Figure slider(String baseSpec, String parameter, double[] values, long[] classCounts, int active) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must hold at least one value of " + parameter + ", but is empty");
        }
        requirePositive(classCounts);
        int numClasses = classCounts == null ? 2 : classCounts.length;
        int drawn = classCounts == null ? 1 : numClasses;
        List<String> specs = new ArrayList<>();
        List<List<double[]>> curves = new ArrayList<>();
        double maxValue = 0;
        List<double[]> weights = new ArrayList<>();
        for (double v : values) {
            String spec = withParameter(baseSpec, parameter, v);
            Loss loss = Losses.parse(spec);
            Loss bound = classCounts == null ? loss : loss.withClassCounts(classCounts);
            List<double[]> step = new ArrayList<>();
            for (int c = 0; c < drawn; c++) {
                LossShape shape = LossShape.of(bound, numClasses, c, P);
                step.add(shape.value());
                step.add(shape.gradientWeight());
                maxValue = Math.max(maxValue, max(shape.value()));
                weights.add(shape.gradientWeight());
            }
            specs.add(loss.spec());
            curves.add(step);
        }
        List<Trace> traces = new ArrayList<>();
        for (int c = 0; c < drawn; c++) {
            String name = classCounts == null ? specs.get(active).replaceAll("\\(.*", "")
                    : "class " + c + " (n = " + Labels.count(classCounts[c]) + ")";
            List<double[]> start = curves.get(active);
            traces.addAll(pair(new LossShape(P, start.get(2 * c), start.get(2 * c + 1)), name, Palette.color(c), "solid"));
        }
        LossShape ce = LossShape.of(Losses.ce(), numClasses, 0, P);
        traces.addAll(pair(ce, "ce (reference)", Palette.REFERENCE, "dash"));
        maxValue = Math.max(maxValue, max(ce.value()));

        int[] moving = new int[2 * drawn];
        Arrays.setAll(moving, i -> i);
        List<Object> steps = new ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            steps.add(Json.map("label", Labels.number(values[s]), "method", "update",
                    "args", List.of(Json.map("y", curves.get(s)), Json.map("title.text", sliderTitle(specs.get(s))), moving)));
        }
        Layout layout = twoPanels(sliderTitle(specs.get(active)))
                .with("height", 560)
                .with("margin.b", 140)
                // Fixed ranges: a slider is for comparing positions, which moving axes would hide.
                .with("yaxis.range", new double[] {0, 1.05 * maxValue})
                .with("yaxis2.range", new double[] {0, weightAxisTop(weights)})
                .with("sliders", List.of(Json.map("active", active, "steps", steps, "pad", Json.map("t", 70),
                        "currentvalue", Json.map("prefix", symbol(parameter) + " = ", "font", Json.map("size", 14)))));
        return Figure.of(layout, traces);
    }

    /** The value and the gradient-weight curve of one loss, one colour, one legend entry for both. */
    private static List<Trace> pair(LossShape shape, String name, String color, String dash) {
        Trace value = Trace.lines(shape.targetProbability(), shape.value()).named(name)
                .with("line.color", color).with("line.dash", dash).with("legendgroup", name)
                .with("hovertemplate", "p<sub>y</sub> = %{x:.2f}<br>loss %{y:.3f}<extra>" + name + "</extra>");
        Trace weight = Trace.lines(shape.targetProbability(), shape.gradientWeight()).named(name)
                .with("line.color", color).with("line.dash", dash).with("legendgroup", name)
                .with("showlegend", false).with("xaxis", "x2").with("yaxis", "y2")
                .with("hovertemplate", "p<sub>y</sub> = %{x:.2f}<br>weight %{y:.3f}<extra>" + name + "</extra>");
        return List.of(value, weight);
    }

    private static Layout twoPanels(String title) {
        return Layout.titled(title)
                .with("height", 460)
                .with("xaxis.domain", new double[] {0, 0.45})
                .with("xaxis2.domain", new double[] {0.55, 1})
                .with("xaxis2.anchor", "y2")
                .with("yaxis2.anchor", "x2")
                .with("xaxis.title.text", X_TITLE)
                .with("xaxis2.title.text", X_TITLE)
                .with("yaxis.title.text", VALUE_TITLE)
                .with("yaxis2.title.text", WEIGHT_TITLE)
                .with("xaxis.range", new double[] {0, 1})
                .with("xaxis2.range", new double[] {0, 1});
    }

    private static String sliderTitle(String spec) {
        return spec + ": loss and gradient weight against p<sub>y</sub>";
    }

    /** {@code "focal"} → {@code "focal(gamma=2)"}; {@code "am-softmax(scale=1)"} → {@code "am-softmax(scale=1, margin=0.35)"}. */
    private static String withParameter(String baseSpec, String parameter, double value) {
        String setting = parameter + "=" + Labels.number(value);
        String base = baseSpec.strip();
        if (base.endsWith(")")) {
            String inside = base.substring(base.indexOf('(') + 1, base.length() - 1).strip();
            return base.substring(0, base.length() - 1) + (inside.isEmpty() ? "" : ", ") + setting + ")";
        }
        return base + "(" + setting + ")";
    }

    private static String symbol(String parameter) {
        return switch (parameter) {
            case "gamma" -> "γ";
            case "tau" -> "τ";
            case "k" -> "K";
            case "margin" -> "m";
            case "sigma" -> "σ";
            default -> parameter;
        };
    }

    /**
     * Checks class counts, when given, before any curve is computed. A class with no examples
     * has no prior to adjust by or margin to widen, so the check is the class prior's.
     */
    private static void requirePositive(long[] classCounts) {
        if (classCounts != null) {
            ClassPrior.fromCounts(classCounts);
        }
    }

    private static double[] steps(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] values = new double[n];
        // From integer multiples, not repeated sums, so that 0.35 is 0.35 and not 0.35000000000000003.
        Arrays.setAll(values, i -> Math.round((from + i * step) * 1e9) / 1e9);
        return values;
    }

    private static int nearest(double[] values, double target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - target) < Math.abs(values[best] - target)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The top of the weight axis: the 95th percentile of every weight of every step, and never
     * below the ce line. A weight that explodes near {@code p_y = 1} at one end of the slider
     * then runs off the top instead of flattening every other step's curve to the floor.
     */
    private static double weightAxisTop(List<double[]> weights) {
        double[] all = weights.stream().flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
        double percentile = all.length == 0 ? 1 : all[(int) Math.floor(0.95 * (all.length - 1))];
        return 1.1 * Math.max(percentile, 1);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).max().orElse(0);
    }
}
