package io.losslab.magics;

import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a {@code %%train} or {@code %%compare} cell: {@code key = value} lines that set up
 * an {@link NdTrainer}, and every other non-blank line kept as it is (the losses of a comparison).
 * {@code #} starts a comment.
 *
 * <p>With the environment variable {@code LOSSLAB_QUICK} set (as the notebook tests do), epochs
 * are capped at {@value #QUICK_EPOCHS} so that a notebook runs through in moments.
 */
final class TrainingOptions {

    static final int QUICK_EPOCHS = 2;
    private static final List<String> OPTION_NAMES = List.of("loss", "model", "activation", "dropout", "optimizer", "lr",
            "momentum", "weight-decay", "epochs", "batch", "seed", "sampling", "mixup", "tau");
    static final String KEYS = String.join(", ", OPTION_NAMES);
    private static final Pattern OPTION = Pattern.compile("^(" + String.join("|", OPTION_NAMES) + ")\\s*[=:]\\s*(.+)$");
    private static final Pattern MLP = Pattern.compile("^mlp\\(([0-9,\\s]+)\\)$");

    private final NdTrainer.Builder builder = NdTrainer.builder().seed(0);
    private final List<String> otherLines = new ArrayList<>();
    private String optimizerName = "adam";
    private double learningRate = 1e-3;
    private double momentum = 0.9;
    private int epochs = 10;
    private boolean quick;

    private TrainingOptions() {
    }

    /** Reads a cell body; every mistake names the line and what was expected. */
    static TrainingOptions parse(Magic magic, String body) {
        TrainingOptions options = new TrainingOptions();
        for (String raw : (body == null ? "" : body).split("\\R")) {
            String line = raw.replaceFirst("#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher option = OPTION.matcher(line);
            if (option.matches()) {
                options.set(magic, option.group(1), option.group(2).strip());
            } else {
                options.otherLines.add(line);
            }
        }
        options.quick = System.getenv("LOSSLAB_QUICK") != null;
        return options;
    }

    private void set(Magic magic, String key, String value) {
        try {
            switch (key) {
                case "loss" -> builder.loss(value);
                case "model" -> builder.hiddenSizes(hiddenSizes(value));
                case "activation" -> builder.activation(NdTrainer.Activation.valueOf(value.toUpperCase(Locale.ROOT)));
                case "dropout" -> builder.dropout(Double.parseDouble(value));
                case "optimizer" -> optimizer(value);
                case "lr" -> learningRate = Double.parseDouble(value);
                case "momentum" -> momentum = Double.parseDouble(value);
                case "weight-decay" -> builder.weightDecay(Double.parseDouble(value));
                case "epochs" -> epochs = Integer.parseInt(value);
                case "batch" -> builder.batchSize(Integer.parseInt(value));
                case "seed" -> builder.seed(Long.parseLong(value));
                case "sampling" -> builder.sampling(sampling(value));
                case "mixup" -> builder.mixup(Double.parseDouble(value));
                case "tau" -> builder.postHocTau(Double.parseDouble(value));
                default -> throw new IllegalStateException("unreachable: the pattern lists the keys");
            }
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a number");
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(magic, key + " = " + value + ": " + e.getMessage());
        }
    }

    private void optimizer(String value) {
        if (!value.equals("adam") && !value.equals("sgd")) {
            throw new IllegalArgumentException("the optimizers are adam and sgd");
        }
        optimizerName = value;
    }

    private static int[] hiddenSizes(String value) {
        if (value.equals("linear")) {
            return new int[0];
        }
        Matcher mlp = MLP.matcher(value);
        if (!mlp.matches()) {
            throw new IllegalArgumentException("a model is linear or mlp(WIDTH, ...), e.g. mlp(256, 256)");
        }
        return Arrays.stream(mlp.group(1).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }

    private static NdTrainer.Sampling sampling(String value) {
        return switch (value) {
            case "instance" -> NdTrainer.Sampling.INSTANCE;
            case "class-balanced" -> NdTrainer.Sampling.CLASS_BALANCED;
            case "sqrt", "square-root" -> NdTrainer.Sampling.SQUARE_ROOT;
            default -> throw new IllegalArgumentException("the samplings are instance, class-balanced and sqrt");
        };
    }

    /** The trainer these options describe. */
    NdTrainer trainer() {
        NdTrainer.Builder configured = optimizerName.equals("adam") ? builder.adam(learningRate)
                : builder.sgd(learningRate, momentum);
        return configured.epochs(epochs()).build();
    }

    /** The epochs training will run, after quick mode. */
    int epochs() {
        return quick ? Math.min(epochs, QUICK_EPOCHS) : epochs;
    }

    /** The lines that were not options, in order. */
    List<String> otherLines() {
        return List.copyOf(otherLines);
    }

    /** A note for the output when quick mode shortened training, else empty. */
    String quickNote() {
        return quick && epochs > QUICK_EPOCHS ? " (LOSSLAB_QUICK: " + QUICK_EPOCHS + " of " + epochs + " epochs)" : "";
    }
}
