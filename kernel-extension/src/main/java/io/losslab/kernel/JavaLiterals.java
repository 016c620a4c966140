package io.losslab.kernel;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Collectors;

/** Java source text for values the kernel writes into the code it hands JShell. */
public final class JavaLiterals {

    private JavaLiterals() {
    }

    /** A string literal that reads back as {@code value}. */
    public static String string(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    /** A {@code java.util.List.of(...)} expression of string literals. */
    public static String list(List<String> values) {
        return values.stream().map(JavaLiterals::string).collect(Collectors.joining(", ", "java.util.List.of(", ")"));
    }

    /**
     * The statement that declares {@code name} as a session variable holding what a magic bound
     * to it in the {@link io.losslab.magics.Workspace}, typed as precisely as the session can see.
     */
    public static String declaration(String name, Object value) {
        return "var " + name + " = (" + visibleTypeName(value.getClass()) + ") io.losslab.magics.Workspace.get("
                + string(name) + ");";
    }

    /** The name of the nearest public class a variable of {@code type} can be declared with. */
    public static String visibleTypeName(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers()) && c.getCanonicalName() != null) {
                return c.getCanonicalName();
            }
            for (Class<?> implemented : c.getInterfaces()) {
                if (Modifier.isPublic(implemented.getModifiers()) && implemented.getCanonicalName() != null) {
                    return implemented.getCanonicalName();
                }
            }
        }
        return "Object";
    }
}
