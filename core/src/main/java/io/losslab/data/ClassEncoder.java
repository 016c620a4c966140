package io.losslab.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the class labels of a file, as text, into class indices.
 *
 * <p>Classes declared in advance keep the declared order, and any other label is an error.
 * Otherwise the order is inferred once every label is known: numerically when all labels are
 * numbers (so "2" comes before "10", and "+1" and "1" are one class), alphabetically if not. Either
 * way the order does not depend on which label happens to come first in the file.
 */
final class ClassEncoder {

    /** The class names in index order, and the class index of every label. */
    record Encoded(List<String> classNames, int[] labels) {
    }

    private final List<String> declared;
    private final Set<String> declaredSet;
    private final List<String> rawLabels = new ArrayList<>();

    /** An encoder of the declared classes, or of inferred ones when {@code declared} is empty. */
    ClassEncoder(List<String> declared) {
        this.declared = List.copyOf(declared);
        this.declaredSet = Set.copyOf(declared);
    }

    /**
     * The classes a caller declares, checked.
     *
     * @throws IllegalArgumentException if there are none, or a name is empty or repeats
     */
    static List<String> declaredClasses(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("classes must name at least one class, but are empty");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || !seen.add(name)) {
                throw new IllegalArgumentException("classes must be distinct and non-empty, but '" + name
                        + "' is " + (name.isEmpty() ? "empty" : "declared twice"));
            }
        }
        return List.of(names);
    }

    /**
     * Records the label of the next row.
     *
     * @throws IllegalArgumentException saying why if the label is empty or not a declared class
     */
    void add(String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("the class label is empty");
        }
        if (!declared.isEmpty() && !declaredSet.contains(label)) {
            throw new IllegalArgumentException("class '" + Numbers.shorten(label) + "' is not one of the declared classes "
                    + Numbers.shorten(declared.toString()));
        }
        rawLabels.add(label);
    }

    /** The number of labels recorded. */
    int size() {
        return rawLabels.size();
    }

    /** The classes and the class index of every recorded label, in the order they were added. */
    Encoded encode() {
        if (!declared.isEmpty()) {
            return encodeWith(declared, UnaryOperator.identity());
        }
        Set<String> distinct = new LinkedHashSet<>(rawLabels);
        boolean numeric = distinct.stream().allMatch(Numbers::isDecimal);
        UnaryOperator<String> name = numeric ? ClassEncoder::numericName : UnaryOperator.identity();
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        return encodeWith(distinct.stream().map(name).distinct().sorted(order).toList(), name);
    }

    private Encoded encodeWith(List<String> names, UnaryOperator<String> nameOfLabel) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        int[] labels = rawLabels.stream().mapToInt(raw -> index.get(nameOfLabel.apply(raw))).toArray();
        return new Encoded(names, labels);
    }

    /** One name per number: "+1", "1" and "1.0" are all class "1". */
    private static String numericName(String raw) {
        double value = Double.parseDouble(raw);
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
