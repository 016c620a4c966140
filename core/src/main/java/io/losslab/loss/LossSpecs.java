package io.losslab.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The small language of loss specs: {@code name} or {@code name(key=value, ...)}, where a value
 * is a number, a word, a list of numbers {@code [1, 2.5]}, or another spec (for wrappers such
 * as {@code flooding(b=0.1, loss=focal(gamma=2))}).
 */
final class LossSpecs {

    /** A parsed spec: a name and its arguments in the order written. */
    record Call(String name, Map<String, Object> arguments) {
    }

    private final String text;
    private int position;

    private LossSpecs(String text) {
        this.text = text;
    }

    /**
     * Parses a spec; values become {@code Double}, {@code String}, {@code double[]} or
     * {@link Call}.
     *
     * @throws IllegalArgumentException naming the spec and the place it goes wrong
     */
    static Call parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("loss spec must name a loss, but is "
                    + (spec == null ? "null" : "blank"));
        }
        LossSpecs parser = new LossSpecs(spec);
        Call call = parser.call();
        parser.skipSpaces();
        if (parser.position < spec.length()) {
            throw parser.error("unexpected '" + spec.substring(parser.position) + "'");
        }
        return call;
    }

    private Call call() {
        String name = word();
        return new Call(name, atOpenParenthesis() ? arguments() : Map.of());
    }

    private Map<String, Object> arguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        expect('(');
        skipSpaces();
        while (peek() != ')') {
            String key = word().toLowerCase(Locale.ROOT);
            expect('=');
            if (arguments.put(key, value()) != null) {
                throw error("parameter '" + key + "' is given twice");
            }
            skipSpaces();
            if (peek() == ',') {
                position++;
                skipSpaces();
            } else if (peek() != ')') {
                throw error("expected ',' or ')'");
            }
        }
        position++;
        return arguments;
    }

    private Object value() {
        skipSpaces();
        char c = peek();
        if (c == '[') {
            return list();
        }
        if (isNumberStart(c)) {
            return number();
        }
        String name = word();
        return atOpenParenthesis() ? new Call(name, arguments()) : name;
    }

    private boolean atOpenParenthesis() {
        skipSpaces();
        return position < text.length() && text.charAt(position) == '(';
    }

    private double[] list() {
        expect('[');
        List<Double> values = new ArrayList<>();
        skipSpaces();
        while (peek() != ']') {
            values.add(number());
            skipSpaces();
            if (peek() == ',') {
                position++;
                skipSpaces();
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in a list of numbers");
            }
        }
        position++;
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double number() {
        skipSpaces();
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error("'" + token + "' is not a number");
        }
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (position < text.length() && isWordChar(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw error("expected a name");
        }
        return text.substring(start, position);
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("it ends too early");
        }
        return text.charAt(position);
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("loss spec '" + text + "' cannot be read at character "
                + (position + 1) + ": " + problem);
    }

    private static boolean isNumberStart(char c) {
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /** A number as a spec writes it: {@code 2}, {@code 0.999}, {@code 1e-12}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A list of numbers as a spec writes it: {@code [0.9, 0.1]}. */
    static String format(double[] values) {
        return Arrays.stream(values).mapToObj(LossSpecs::format).collect(Collectors.joining(", ", "[", "]"));
    }
}
