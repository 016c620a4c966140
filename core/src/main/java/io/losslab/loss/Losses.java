package io.losslab.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every loss of LossLab, built from Java or from a spec string — the same names the magics use.
 *
 * <pre>{@code
 * Loss a = Losses.focal(2.0);
 * Loss b = Losses.parse("logit-adjusted(tau=1)").withClassCounts(counts);
 * }</pre>
 *
 * <p>{@link #catalogue()} lists the losses with their parameters and defaults, for help text.
 */
public final class Losses {

    /** A loss by name, what it is, and the parameters its spec takes. */
    public record LossInfo(String name, String summary, List<Parameter> parameters) {

        /** The usage line, e.g. {@code focal(gamma=2, alpha=none)}. */
        public String usage() {
            if (parameters.isEmpty()) {
                return name;
            }
            return parameters.stream().map(p -> p.name() + "=" + p.defaultValue())
                    .collect(Collectors.joining(", ", name + "(", ")"));
        }
    }

    /** One parameter of a loss spec, with its default as a spec writes it ("none" if absent). */
    public record Parameter(String name, String defaultValue, String description) {
    }

    private record Entry(LossInfo info, Function<Arguments, Loss> factory) {
    }

    private static final String NONE = "none";
    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register("ce", "softmax cross-entropy, -s_y + logsumexp(s)", a -> ce());
        register("weighted-ce", "class-weighted cross-entropy, w_y · ce", Losses::weightedCeFromSpec,
                new Parameter("scheme", "inverse", "uniform, inverse (1/n), inverse-sqrt (1/√n) or effective"),
                new Parameter("beta", "0.999", "β of the effective-number scheme, in [0, 1)"),
                new Parameter("weights", NONE, "explicit class weights [w_0, w_1, ...], in place of a scheme"),
                new Parameter("normalise", "examples",
                        "what the mean divides by: examples (N) or weights (Σ_n w_{y_n}, as PyTorch's weight=)"));
        register("focal", "focal loss, -α_y (1-p_y)^γ log p_y", a -> focal(a.number("gamma"), a.numbers("alpha", false)),
                new Parameter("gamma", "2", "focusing γ >= 0; 0 gives ce"),
                new Parameter("alpha", NONE, "per-class weights [α_0, α_1, ...]"));
        register("soft-truncation", "softened hard truncation, a per-class sigmoid loss",
                a -> softTruncation(a.number("k")),
                new Parameter("k", "1", "sharpness K > 0 of the soft cut-off"));
        register("dice", "soft F1 / Dice over the batch, per class then averaged", a -> dice(a.number("epsilon")),
                new Parameter("epsilon", "1", "smoothing ε >= 0"));
        register("logit-adjusted", "cross-entropy on s + τ log π", a -> a.has("prior")
                        ? logitAdjusted(a.number("tau"), ClassPrior.of(a.numbers("prior", true)))
                        : logitAdjusted(a.number("tau")),
                new Parameter("tau", "1", "strength τ >= 0; 0 gives ce"),
                new Parameter("prior", NONE, "class prior [π_0, π_1, ...]; by default the training frequencies"));
        register("balanced-softmax", "logit-adjusted with τ = 1", a -> a.has("prior")
                        ? LogitAdjustedLoss.balancedSoftmax(ClassPrior.of(a.numbers("prior", true)))
                        : balancedSoftmax(),
                new Parameter("prior", NONE, "class prior [π_0, π_1, ...]; by default the training frequencies"));
        register("ldam", "label-distribution-aware margins Δ_k = C / n_k^(1/4)",
                a -> new LdamLoss(a.number("c"), a.number("scale"),
                        a.choice("margins", "raw", "rescaled").equals("rescaled")),
                new Parameter("c", "1", "margin constant C >= 0"),
                new Parameter("scale", "1", "logit scale > 0 (30 with normalised features)"),
                new Parameter("margins", "raw",
                        "raw (Δ_k = C / n_k^(1/4)) or rescaled (the largest Δ_k is C, as in the paper's code)"));
        register("am-softmax", "additive-margin softmax on cosine logits",
                a -> amSoftmax(a.number("scale"), a.number("margin")),
                new Parameter("scale", "30", "scale c > 0"),
                new Parameter("margin", "0.35", "margin m >= 0"));
        register("exact", "1 - expected accuracy, 1 - P(argmax(s + σε) = y) with ε ~ N(0, I)",
                a -> exact(a.number("sigma")),
                new Parameter("sigma", "1", "noise scale σ > 0 of each logit; smaller is closer to the 0/1 error"));
        register("zlpr", "multi-label softmax + cross-entropy, threshold 0", a -> zlpr());
        register("zlpr-soft", "zlpr for soft targets in [0, 1]", a -> zlprSoft());
        register("sigmoid-ce", "binary cross-entropy per class, Σ softplus(s_i) - t_i s_i", a -> sigmoidCe());
        register("emo", "ce plus weight × expected transport cost between class embeddings",
                a -> emo(a.number("weight")),
                new Parameter("weight", "1", "weight >= 0 of the transport cost; 0 gives ce"));
        register("flooding", "|L - b| + b around another loss", a -> flooding(a.loss("loss"), a.number("b")),
                new Parameter("b", "0.1", "flood level b >= 0"),
                new Parameter("loss", "ce", "the loss inside"));
        register("gp-kl", "symmetric divergence between two multi-label score vectors (R-Drop)", a -> gpKl());
    }

    private Losses() {
    }

    private static Loss weightedCeFromSpec(Arguments a) {
        boolean normaliseByWeights = a.choice("normalise", "examples", "weights").equals("weights");
        if (!a.has("weights")) {
            ClassWeights scheme = ClassWeights.of(ClassWeights.Scheme.fromSpecName(a.word("scheme")), a.number("beta"));
            return WeightedCrossEntropy.withScheme(scheme, normaliseByWeights);
        }
        if (a.has("scheme") || a.has("beta")) {
            throw new IllegalArgumentException("weighted-ce takes either weights or a scheme, but was given both");
        }
        return WeightedCrossEntropy.withWeights(a.numbers("weights", true), normaliseByWeights);
    }

    private static void register(String name, String summary, Function<Arguments, Loss> factory, Parameter... parameters) {
        REGISTRY.put(name, new Entry(new LossInfo(name, summary, List.of(parameters)), factory));
    }

    /**
     * The loss a spec names, e.g. {@code "focal(gamma=2)"} or
     * {@code "weighted-ce(scheme=effective, beta=0.999)"}.
     *
     * @throws IllegalArgumentException for an unknown loss or parameter (listing what exists) or
     *     a bad value (naming it)
     */
    public static Loss parse(String spec) {
        return build(LossSpecs.parse(spec));
    }

    private static Loss build(LossSpecs.Call call) {
        Entry entry = REGISTRY.get(call.name());
        if (entry == null) {
            throw new IllegalArgumentException("unknown loss '" + call.name() + "'; the losses are: "
                    + String.join(", ", REGISTRY.keySet()));
        }
        return entry.factory().apply(new Arguments(entry.info(), call.arguments()));
    }

    /** Every loss with its parameters, in the order of the design's table. */
    public static List<LossInfo> catalogue() {
        return REGISTRY.values().stream().map(Entry::info).toList();
    }

    /** Softmax cross-entropy. */
    public static Loss ce() {
        return new CrossEntropy();
    }

    /** Cross-entropy weighted by a scheme's class weights; bind it with {@code withClassCounts}. */
    public static Loss weightedCe(ClassWeights scheme) {
        return WeightedCrossEntropy.withScheme(scheme, false);
    }

    /** Cross-entropy weighted by the given class weights. */
    public static Loss weightedCe(double[] classWeights) {
        return WeightedCrossEntropy.withWeights(classWeights, false);
    }

    /** Focal loss with focusing parameter γ >= 0. */
    public static Loss focal(double gamma) {
        return new FocalLoss(gamma, null);
    }

    /** Focal loss with focusing parameter γ >= 0 and a weight α_k per class. */
    public static Loss focal(double gamma, double[] alpha) {
        return new FocalLoss(gamma, alpha);
    }

    /** The softened hard-truncation loss with sharpness K > 0. */
    public static Loss softTruncation(double k) {
        return new SoftTruncationLoss(k);
    }

    /** The Dice (soft F1) loss with smoothing ε >= 0. */
    public static Loss dice(double epsilon) {
        return new DiceLoss(epsilon);
    }

    /** Logit-adjusted cross-entropy; bind the prior with {@code withClassCounts}. */
    public static Loss logitAdjusted(double tau) {
        return LogitAdjustedLoss.logitAdjusted(tau, null);
    }

    /** Logit-adjusted cross-entropy with a given prior. */
    public static Loss logitAdjusted(double tau, ClassPrior prior) {
        return LogitAdjustedLoss.logitAdjusted(tau, prior);
    }

    /** Balanced softmax: logit-adjusted with τ = 1; bind the prior with {@code withClassCounts}. */
    public static Loss balancedSoftmax() {
        return LogitAdjustedLoss.balancedSoftmax(null);
    }

    /** LDAM with margin constant C and logit scale; bind the counts with {@code withClassCounts}. */
    public static Loss ldam(double c, double scale) {
        return new LdamLoss(c, scale, false);
    }

    /** Additive-margin softmax with scale c and margin m. */
    public static Loss amSoftmax(double scale, double margin) {
        return new AmSoftmaxLoss(scale, margin);
    }

    /** One minus the expected accuracy of {@code argmax(s + σε)}, ε standard normal per class, with noise scale σ > 0. */
    public static Loss exact(double sigma) {
        return new ExactLoss(sigma);
    }

    /** The multi-label ZLPR loss on 0/1 targets. */
    public static Loss zlpr() {
        return new ZlprLoss(false);
    }

    /** The ZLPR loss on soft targets in [0, 1]. */
    public static Loss zlprSoft() {
        return new ZlprLoss(true);
    }

    /** Binary cross-entropy per class, summed over the classes: the multi-label baseline of zlpr. */
    public static Loss sigmoidCe() {
        return new SigmoidCrossEntropy();
    }

    /** Cross-entropy plus {@code weight ×} the transport cost, every pair of classes equally far. */
    public static Loss emo(double weight) {
        return new EmoLoss(weight, null);
    }

    /** Cross-entropy plus {@code weight ×} the transport cost between the given class embeddings (K×D). */
    public static Loss emo(double weight, double[][] classEmbeddings) {
        return new EmoLoss(weight, classEmbeddings);
    }

    /** Flooding at level b around another loss. */
    public static Loss flooding(Loss loss, double b) {
        return new FloodingLoss(loss, b);
    }

    /** The symmetric sigmoid divergence between two score matrices, for R-Drop. */
    public static Loss gpKl() {
        return new GpKlDivergence();
    }

    /** The arguments of one spec call, read against the parameters the loss declares. */
    private static final class Arguments {
        private final LossInfo info;
        private final Map<String, Object> given;

        Arguments(LossInfo info, Map<String, Object> given) {
            this.info = info;
            this.given = given;
            for (String key : given.keySet()) {
                if (info.parameters().stream().noneMatch(p -> p.name().equals(key))) {
                    throw new IllegalArgumentException(info.name() + " has no parameter '" + key + "'; "
                            + (info.parameters().isEmpty() ? "it takes none" : "its spec is " + info.usage()));
                }
            }
        }

        boolean has(String name) {
            return given.containsKey(name);
        }

        double number(String name) {
            Object value = valueOf(name);
            if (value instanceof Double d) {
                return d;
            }
            throw wrongType(name, value, "a number");
        }

        String word(String name) {
            Object value = valueOf(name);
            if (value instanceof String s) {
                return s;
            }
            throw wrongType(name, value, "a name");
        }

        /** A word that must be one of {@code choices}. */
        String choice(String name, String... choices) {
            String word = word(name);
            if (!List.of(choices).contains(word)) {
                throw new IllegalArgumentException(info.name() + ": " + name + " must be "
                        + String.join(" or ", choices) + ", but is " + word);
            }
            return word;
        }

        double[] numbers(String name, boolean required) {
            Object value = given.get(name);
            if (value == null && !required) {
                return null;
            }
            if (value instanceof double[] list) {
                return list;
            }
            throw wrongType(name, value, "a list of numbers such as [1, 2.5]");
        }

        Loss loss(String name) {
            Object value = valueOf(name);
            if (value instanceof LossSpecs.Call call) {
                return build(call);
            }
            if (value instanceof String word) {
                return parse(word);
            }
            throw wrongType(name, value, "a loss spec");
        }

        private Object valueOf(String name) {
            Object value = given.get(name);
            if (value != null) {
                return value;
            }
            String fallback = info.parameters().stream().filter(p -> p.name().equals(name))
                    .findFirst().orElseThrow().defaultValue();
            return fallback.matches("[-+0-9.eE]+") ? (Object) Double.parseDouble(fallback) : fallback;
        }

        private IllegalArgumentException wrongType(String name, Object value, String expected) {
            String shown = value instanceof double[] list ? LossSpecs.format(list)
                    : value instanceof LossSpecs.Call call ? call.name() + "(...)" : String.valueOf(value);
            return new IllegalArgumentException(info.name() + ": " + name + " must be " + expected + ", but is " + shown);
        }
    }
}
