package io.losslab.magics;

import java.math.BigDecimal;
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
                throw new MagicUsageException(magic, "as " + bindName + ": '" + bindName + "' is not a Java variable name"
                        + Workspace.NAME_RULE);
            }
            rest = rest.subList(0, as);
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : regroup(rest)) {
            int equals = word.indexOf('=');
            String key = equals > 0 ? word.substring(0, equals) : "";
            // Documented option names such as ddim-steps have hyphens; a loss spec's '(' keeps it positional.
            if (!key.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                positional.add(word);
                continue;
            }
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

    /**
     * The words with those that a space split inside parentheses or brackets joined again, so
     * that {@code focal(gamma=2, alpha=[1, 2])} is one word however it was spaced.
     */
    static List<String> regroup(List<String> words) {
        List<String> grouped = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (String word : words) {
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
            for (char c : word.toCharArray()) {
                depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            }
            if (depth <= 0) {
                grouped.add(current.toString());
                current.setLength(0);
                depth = 0;
            }
        }
        if (current.length() > 0) {
            grouped.add(current.toString());
        }
        return grouped;
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

    /** Every positional word from {@code index} on. */
    public List<String> wordsFrom(int index) {
        return positional.subList(Math.min(index, positional.size()), positional.size());
    }

    /** Whether the option was given. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** An option as given, or {@code fallback}. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** A numeric option, or {@code fallback}. */
    public double number(String key, double fallback) {
        String value = options.get(key);
        return value == null ? fallback : number(magic, key, value);
    }

    /** {@code value} of option {@code key} as a number above zero, such as a rate, for options read outside a magic's words. */
    static double positive(Magic magic, String key, String value) {
        double number = number(magic, key, value);
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new MagicUsageException(magic, key + " = " + value + " must be a finite number above 0");
        }
        return number;
    }

    /** A whole-number option that counts something and so must be at least 1, or {@code fallback}. */
    public int positiveCount(String key, int fallback) {
        int count = count(key, fallback);
        if (count < 1) {
            throw new MagicUsageException(magic, key + " = " + options.get(key) + " must be at least 1");
        }
        return count;
    }

    /** A whole-number option, or {@code fallback}. */
    public long integer(String key, long fallback) {
        String value = options.get(key);
        return value == null ? fallback : integer(magic, key, value);
    }

    /** A whole-number option that counts something (steps, epochs) and so must fit an int, or {@code fallback}. */
    public int count(String key, int fallback) {
        String value = options.get(key);
        return value == null ? fallback : count(magic, key, value);
    }

    /** {@code value} of option {@code key} as a number, for options read outside a magic's words. */
    static double number(Magic magic, String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a number");
        }
    }

    /** {@code value} of option {@code key} as a whole number, for options read outside a magic's words. */
    static long integer(Magic magic, String key, String value) {
        return wholeNumber(magic, key, value, Long.MIN_VALUE, Long.MAX_VALUE, "a long");
    }

    /** {@code value} of option {@code key} as an int count, for options read outside a magic's words. */
    static int count(Magic magic, String key, String value) {
        return (int) wholeNumber(magic, key, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int count");
    }

    /**
     * A whole number written in any decimal form ({@code 5000}, {@code 5e3}), checked against
     * the range of the type it goes into, so that {@code 1e12} is reported as too large rather
     * than as no number.
     */
    private static long wholeNumber(Magic magic, String key, String value, long min, long max, String type) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a whole number");
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a whole number");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new MagicUsageException(magic, key + " = " + value + " is out of range for " + type
                    + " (" + min + " to " + max + ")");
        }
        return number.longValueExact();
    }

    /** A comma-separated list of whole numbers, such as {@code counts=900,100}, or {@code fallback}. */
    public long[] integers(String key, long[] fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return java.util.Arrays.stream(value.split(",")).map(String::strip).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new MagicUsageException(magic, key + " = " + value + " is not a list of whole numbers such as 900,100");
        }
    }

    /** The name after {@code as}, or null. */
    public String bindName() {
        return bindName;
    }
}
