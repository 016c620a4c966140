package io.losslab.magics;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects magics bound to names, reachable from plain Java in any kernel:
 * {@code LabeledData train = Workspace.get("train");}. Kernels that can declare variables (the
 * bundled one) also bind them as variables of the session.
 */
public final class Workspace {

    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    private Workspace() {
    }

    /** Binds {@code value} to {@code name}, replacing what was there. */
    public static void put(String name, Object value) {
        if (name == null || !isJavaIdentifier(name)) {
            throw new IllegalArgumentException("name = " + name + " is not a Java variable name");
        }
        if (value == null) {
            throw new IllegalArgumentException(name + " cannot be bound to null");
        }
        VALUES.put(name, value);
    }

    /**
     * The value bound to {@code name}, typed by the caller's target.
     *
     * @throws IllegalArgumentException if nothing is bound to it, listing what is
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(String name) {
        Object value = VALUES.get(name);
        if (value == null) {
            throw new IllegalArgumentException("nothing is bound to '" + name + "'; bound names: " + names());
        }
        return (T) value;
    }

    /**
     * One line telling a user of a kernel that cannot declare variables (IJava, JJava) how to read
     * what a magic bound to {@code name}.
     */
    public static String howToRead(String name) {
        String type = get(name).getClass().getSimpleName();
        return "Bound " + name + "; read it with: " + type + " " + name + " = Workspace.get(\"" + name + "\");";
    }

    /** The bound names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(VALUES.keySet());
    }

    /** Whether {@code name} can be a Java variable. */
    public static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.equals("_")) {
            return false;
        }
        return name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }
}
