package io.losslab.magics;

import io.losslab.train.NdTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
            "momentum", "weight-decay", "epochs", "batch", "seed", "sampling", "mixup", "tau", "sigma-anneal", "threads");
    static final String KEYS = String.join(", ", OPTION_NAMES);
    private static final Pattern OPTION = optionLine(OPTION_NAMES);
    private static final Pattern MLP = Pattern.compile("^mlp\\(([0-9,\\s]+)\\)$");

    /** The trainer's names for settings whose option in a cell is spelt otherwise. */
    private static final Map<String, String> OPTION_OF_SETTING = Map.of("learningRate", "lr", "batchSize", "batch",
            "weightDecay", "weight-decay", "mixupAlpha", "mixup", "postHocTau", "tau", "hiddenSizes", "model",
            "sigmaAnneal", "sigma-anneal");

    private final Magic magic;
    private final NdTrainer.Builder builder = NdTrainer.builder().seed(0);
    private final List<String> otherLines = new ArrayList<>();
    private final Map<String, String> cellOptions = new HashMap<>();
    private final Set<String> given = new HashSet<>();
    private String optimizerName = "adam";
    private double learningRate = 1e-3;
    private double momentum = 0.9;
    private int epochs = 10;
    private boolean quick;

    private TrainingOptions(Magic magic) {
        this.magic = magic;
    }

    /**
     * Reads a cell body; every mistake names the line and what was expected.
     *
     * @throws MagicUsageException if the body is blank or only comments: a cell magic is never run
     *     without one by mistake, and a kernel may not even pass an empty body on
     */
    static TrainingOptions parse(Magic magic, String body) {
        return parse(magic, body, Set.of());
    }

    /**
     * Reads a cell body in which {@code cellOptions} are options too: options of this magic's own
     * beyond the trainer's, kept as written ({@link #cellOption}) and, like every option, given at
     * most once.
     */
    static TrainingOptions parse(Magic magic, String body, Set<String> cellOptions) {
        TrainingOptions options = new TrainingOptions(magic);
        Pattern cellOption = optionLine(cellOptions);
        int lines = 0;
        for (String raw : (body == null ? "" : body).split("\\R")) {
            String line = raw.replaceFirst("#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            lines++;
            Matcher option = OPTION.matcher(line);
            Matcher own = cellOption.matcher(line);
            if (option.matches()) {
                options.set(magic, option.group(1), option.group(2).strip());
            } else if (!cellOptions.isEmpty() && own.matches()) {
                options.requireFirst(magic, own.group(1), own.group(2).strip());
                options.cellOptions.put(own.group(1), own.group(2).strip());
            } else {
                options.otherLines.add(line);
            }
        }
        if (lines == 0) {
            throw new MagicUsageException(magic, "%%" + magic.name()
                    + " needs a body: options such as epochs = 5 on the lines below the first");
        }
        options.quick = System.getenv("LOSSLAB_QUICK") != null;
        return options;
    }

    /** A line {@code key = value} (or {@code key: value}) whose key is one of {@code keys}: the key is group 1, the value group 2. */
    private static Pattern optionLine(Collection<String> keys) {
        return Pattern.compile("^(" + String.join("|", keys) + ")\\s*[=:]\\s*(.+)$");
    }

    private void set(Magic magic, String key, String value) {
        requireFirst(magic, key, value);
        try {
            apply(magic, key, value);
        } catch (MagicUsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(magic, key + " = " + value + ": " + e.getMessage());
        }
    }

    private void requireFirst(Magic magic, String key, String value) {
        if (!given.add(key)) {
            throw new MagicUsageException(magic, "option '" + key + "' is given twice (the second time as " + key
                    + " = " + value + "); keep one");
        }
    }

    private void apply(Magic magic, String key, String value) {
        switch (key) {
            case "loss" -> builder.loss(value);
            case "model" -> builder.hiddenSizes(choice(magic, key, value, TrainingOptions::hiddenSizes));
            case "activation" -> builder.activation(choice(magic, key, value, TrainingOptions::activation));
            case "dropout" -> builder.dropout(MagicArguments.number(magic, key, value));
            case "optimizer" -> optimizerName = choice(magic, key, value, TrainingOptions::optimizer);
            case "lr" -> learningRate = MagicArguments.positive(magic, key, value);
            case "momentum" -> momentum = MagicArguments.number(magic, key, value);
            case "weight-decay" -> builder.weightDecay(MagicArguments.number(magic, key, value));
            case "epochs" -> epochs = MagicArguments.count(magic, key, value);
            case "batch" -> builder.batchSize(MagicArguments.count(magic, key, value));
            case "seed" -> builder.seed(MagicArguments.integer(magic, key, value));
            case "sampling" -> builder.sampling(choice(magic, key, value, TrainingOptions::sampling));
            case "mixup" -> builder.mixup(MagicArguments.number(magic, key, value));
            case "tau" -> builder.postHocTau(MagicArguments.number(magic, key, value));
            case "sigma-anneal" -> builder.sigmaAnneal(MagicArguments.number(magic, key, value));
            case "threads" -> builder.threads(MagicArguments.count(magic, key, value));
            default -> throw new IllegalStateException("unreachable: the pattern lists the keys");
        }
    }

    /** {@code value} read by {@code read}, whose refusal says what the values may be. */
    private static <T> T choice(Magic magic, String key, String value, Function<String, T> read) {
        try {
            return read.apply(value);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(magic, key + " = " + value + ": " + e.getMessage());
        }
    }

    private static NdTrainer.Activation activation(String value) {
        for (NdTrainer.Activation activation : NdTrainer.Activation.values()) {
            if (activation.name().equalsIgnoreCase(value)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("the activations are " + Arrays.stream(NdTrainer.Activation.values())
                .map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" and ")));
    }

    private static String optimizer(String value) {
        if (!value.equals("adam") && !value.equals("sgd")) {
            throw new IllegalArgumentException("the optimizers are adam and sgd");
        }
        return value;
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

    /**
     * The trainer these options describe.
     *
     * @throws MagicUsageException naming the first bad setting as the cell spells it
     */
    NdTrainer trainer() {
        NdTrainer.Builder configured = optimizerName.equals("adam") ? builder.adam(learningRate)
                : builder.sgd(learningRate, momentum);
        try {
            return configured.epochs(epochs()).build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, String> names : OPTION_OF_SETTING.entrySet()) {
                if (message.startsWith(names.getKey() + " ")) {
                    message = names.getValue() + message.substring(names.getKey().length());
                }
            }
            throw new MagicUsageException(magic, message);
        }
    }

    /** The epochs training will run, after quick mode. */
    int epochs() {
        return quick ? Math.min(epochs, QUICK_EPOCHS) : epochs;
    }

    /** The value a cell option of {@link #parse(Magic, String, Set)} was given, or null if it was not. */
    String cellOption(String key) {
        return cellOptions.get(key);
    }

    /** Whether any cell option of {@link #parse(Magic, String, Set)} was given. */
    boolean hasCellOptions() {
        return !cellOptions.isEmpty();
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
