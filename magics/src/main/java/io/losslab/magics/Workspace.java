package io.losslab.magics;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.lang.model.SourceVersion;

/**
 * The objects magics bound to names, reachable from plain Java in any kernel:
 * {@code LabeledData train = Workspace.get("train");}. Kernels that can declare variables (the
 * bundled one) also bind them as variables of the session.
 */
public final class Workspace {

    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    /** Why a name was refused, for the messages that refuse it. */
    static final String NAME_RULE = " (not a keyword, a literal such as null, var, or a java.lang type such as String)";

    /** Names that are no keywords but that Java reads as one in some places, where a variable so named is misread. */
    private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

    private Workspace() {
    }

    /** Binds {@code value} to {@code name}, replacing what was there. */
    public static void put(String name, Object value) {
        if (name == null || !isJavaIdentifier(name)) {
            throw new IllegalArgumentException("name = " + name + " is not a Java variable name" + NAME_RULE);
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

    /**
     * Whether {@code name} can be a variable of the session: a Java identifier that is no keyword,
     * literal or restricted name ({@code class}, {@code null}, {@code var}) and that hides no
     * {@code java.lang} type ({@code String}, {@code Math}), since a variable of that name would
     * break every later cell that uses the type.
     */
    public static boolean isJavaIdentifier(String name) {
        return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name) && !RESTRICTED.contains(name)
                && !isJavaLangType(name);
    }

    private static boolean isJavaLangType(String name) {
        try {
            Class.forName("java.lang." + name, false, Workspace.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
