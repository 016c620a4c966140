package io.losslab.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loss specs whose parameters are ranges, as a sweep takes them: {@code tau=0..2 step 0.5} stands
 * for tau = 0, 0.5, 1, 1.5 and 2, and a spec with it for one spec per value. Without
 * {@code step} the step is 1; a range stops at its last value not beyond the end. Several ranges
 * in one spec give every combination. Values are exact decimals, so 0.1 steps print as
 * {@code 0.3}, not {@code 0.30000000000000004}.
 *
 * <pre>{@code
 * SpecRanges.expand("logit-adjusted(tau=0..2 step 0.5)");
 * // [logit-adjusted(tau=0), logit-adjusted(tau=0.5), logit-adjusted(tau=1), logit-adjusted(tau=1.5), logit-adjusted(tau=2)]
 * }</pre>
 */
public final class SpecRanges {

    /** The most specs one line may expand to, so that a slip of the step does not start a thousand runs. */
    public static final int MAX_VALUES = 20;

    private static final String NUMBER = "-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern RANGE = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*(" + NUMBER + ")\\s*\\.\\.\\s*(" + NUMBER
            + ")(?:\\s+step\\s+(" + NUMBER + "))?");
    private static final Pattern ANY_RANGE = Pattern.compile("([\\w-]+\\s*=[^,()]*\\.\\.[^,()]*)");

    private SpecRanges() {
    }

    /** Whether the spec has a range in it. */
    public static boolean hasRange(String spec) {
        return spec.contains("..");
    }

    /**
     * The specs a spec stands for: itself if it has no range, else one per value (per
     * combination of values).
     *
     * @throws IllegalArgumentException if a range is malformed, has a step that is not positive,
     *     runs downward, or the spec expands to more than {@value #MAX_VALUES} specs
     */
    public static List<String> expand(String spec) {
        if (!hasRange(spec)) {
            return List.of(spec);
        }
        Matcher range = RANGE.matcher(spec);
        if (!range.find()) {
            throw new IllegalArgumentException(malformed(spec));
        }
        List<BigDecimal> values = values(range);
        List<String> expanded = new ArrayList<>();
        for (BigDecimal value : values) {
            String one = spec.substring(0, range.start()) + range.group(1) + "=" + value.stripTrailingZeros().toPlainString()
                    + spec.substring(range.end());
            expanded.addAll(expand(one));
            if (expanded.size() > MAX_VALUES) {
                throw new IllegalArgumentException(spec + " expands to more than " + MAX_VALUES
                        + " specs; a sweep takes at most " + MAX_VALUES + " a line, so widen the step");
            }
        }
        return expanded;
    }

    private static List<BigDecimal> values(Matcher range) {
        String name = range.group(1);
        BigDecimal from = new BigDecimal(range.group(2));
        BigDecimal to = new BigDecimal(range.group(3));
        BigDecimal step = range.group(4) == null ? BigDecimal.ONE : new BigDecimal(range.group(4));
        if (step.signum() <= 0) {
            throw new IllegalArgumentException(range.group() + ": the step must be positive, but is " + range.group(4));
        }
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException(range.group() + " is empty: a range runs upward, from " + name + "="
                    + range.group(3) + ".." + range.group(2));
        }
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            values.add(v);
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException(range.group() + " has more than " + MAX_VALUES
                        + " values; a sweep takes at most " + MAX_VALUES + " a line, so widen the step");
            }
        }
        return values;
    }

    private static String malformed(String spec) {
        Matcher written = ANY_RANGE.matcher(spec);
        String part = written.find() ? written.group(1).strip() : spec;
        return part + " is not a range: write NAME=FROM..TO or NAME=FROM..TO step STEP, e.g. tau=0..2 step 0.5";
    }
}
