package io.losslab.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A magic's words read the one way every LossLab magic reads them: positional words,
 * {@code key=value} options, and a final {@code as NAME} that binds the result. Every mistake
 * becomes a {@link MagicUsageException} naming the word and what was expected.
 *
 * <pre>{@code
 * MagicArguments args = MagicArguments.parse(this, words, Set.of("rho", "seed"));
 * double rho = args.number("rho", 100);
 * }</pre>
 */
public final class MagicArguments {

    private final Magic magic;
    private final List<String> positional;
    private final Map<String, String> options;
    private final String bindName;

    private MagicArguments(Magic magic, List<String> positional, Map<String, String> options, String bindName) {
        this.magic = magic;
        this.positional = positional;
        this.options = options;
        this.bindName = bindName;
    }

    /**
     * Reads {@code words}, accepting the options named in {@code optionNames}.
     *
     * @throws MagicUsageException for an unknown option, an option given twice, or a bad name after {@code as}
     */
    public static MagicArguments parse(Magic magic, List<String> words, Set<String> optionNames) {
        List<String> rest = new ArrayList<>(words);
        String bindName = null;
        int as = rest.lastIndexOf("as");
        if (as >= 0) {
            if (as != rest.size() - 2) {
                throw new MagicUsageException(magic, "'as' must be followed by exactly one variable name, at the end");
            }
            bindName = rest.get(as + 1);
            if (!Workspace.isJavaIdentifier(bindName)) {
                throw new MagicUsageException(magic, "as " + bindName + ": '" + bindName + "' is not a Java variable name");
            }
            rest = rest.subList(0, as);
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : rest) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                positional.add(word);
                continue;
            }
            String key = word.substring(0, equals);
            if (!optionNames.contains(key)) {
                throw new MagicUsageException(magic, "unknown option '" + key + "'"
                        + (optionNames.isEmpty() ? "; this takes no options" : "; the options are " + String.join(", ", optionNames.stream().sorted().toList())));
            }
            if (options.put(key, word.substring(equals + 1)) != null) {
                throw new MagicUsageException(magic, "option '" + key + "' is given twice");
            }
        }
        return new MagicArguments(magic, positional, options, bindName);
    }

    /** The number of positional words. */
    public int size() {
        return positional.size();
    }

    /**
     * The positional word at {@code index}.
     *
     * @param what what it names, for the message when it is missing
     */
    public String word(int index, String what) {
        if (index >= positional.size()) {
            throw new MagicUsageException(magic, "missing " + what);
        }
        return positional.get(index);
    }

    /** Fails unless there are at most {@code count} positional words. */
    public MagicArguments atMost(int count) {
        if (positional.size() > count) {
            throw new MagicUsageException(magic, "unexpected words: " + String.join(" ", positional.subList(count, positional.size())));
        }
        return this;
    }

    /** An option as given, or {@code fallback}. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** A numeric option, or {@code fallback}. */
    public double number(String key, double fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a number");
        }
    }

    /** A whole-number option, or {@code fallback}. */
    public long integer(String key, long fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a whole number");
        }
    }

    /** The name after {@code as}, or null. */
    public String bindName() {
        return bindName;
    }
}
