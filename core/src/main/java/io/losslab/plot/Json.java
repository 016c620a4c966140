package io.losslab.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java values as Plotly JSON: the one place that decides how numbers, arrays and nested
 * attributes are written, so every figure is strict JSON.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * Attributes in the order written, e.g. {@code Json.map("type", "line", "x0", 0)}: a Plotly
     * annotation or shape has more fields than {@code Map.of} takes, and a fixed order keeps the
     * JSON of a figure the same from run to run.
     */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues must alternate keys and values, but has "
                    + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * A copy of {@code value} as JSON: null, strings, booleans, numbers, primitive and object
     * arrays, collections, maps with string keys, and the plot package's own objects.
     *
     * @throws IllegalArgumentException for any other type, naming it
     */
    static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Trace trace) {
            return trace.json();
        }
        if (value instanceof Layout layout) {
            return layout.json();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof double[] numbers) {
            ArrayNode array = array();
            for (double v : numbers) {
                array.add(number(v));
            }
            return array;
        }
        if (value instanceof long[] numbers) {
            ArrayNode array = array();
            for (long v : numbers) {
                array.add(v);
            }
            return array;
        }
        if (value instanceof int[] numbers) {
            ArrayNode array = array();
            for (int v : numbers) {
                array.add(v);
            }
            return array;
        }
        if (value instanceof Object[] items) {
            ArrayNode array = array();
            for (Object item : items) {
                array.add(node(item));
            }
            return array;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = array();
            for (Object item : items) {
                array.add(node(item));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = object();
            map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
            return object;
        }
        throw new IllegalArgumentException("a Plotly attribute cannot be a " + value.getClass().getName()
                + ", but was given " + value);
    }

    /**
     * A number as Plotly reads it: non-finite values become null (a gap in a line, an empty
     * heatmap cell), since strict JSON has no NaN; finite ones are written with float precision,
     * which halves the size of a page's data and is still finer than any screen resolves.
     */
    static JsonNode number(double v) {
        if (!Double.isFinite(v)) {
            return NODES.nullNode();
        }
        float f = (float) v;
        return Float.isFinite(f) && (f != 0 || v == 0) ? NODES.numberNode(f) : NODES.numberNode(v);
    }

    /** {@code root} with {@code value} at a dotted path such as {@code "xaxis.title.text"}, in place. */
    static void put(ObjectNode root, String path, Object value) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must name an attribute, but is " + (path == null ? "null" : "blank"));
        }
        String[] keys = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = parent.get(keys[i]);
            if (child == null || child.isNull()) {
                parent = parent.putObject(keys[i]);
            } else if (child instanceof ObjectNode object) {
                parent = object;
            } else {
                throw new IllegalArgumentException("path '" + path + "' goes through '" + keys[i]
                        + "', which is " + child + ", not an object");
            }
        }
        parent.set(keys[keys.length - 1], node(value));
    }

    /** {@code root} with {@code element} appended to the array at a dotted path, in place. */
    static void append(ObjectNode root, String path, Object element) {
        JsonNode existing = root.at("/" + path.replace('.', '/'));
        ArrayNode array = existing instanceof ArrayNode list ? list.deepCopy() : array();
        if (!existing.isMissingNode() && !(existing instanceof ArrayNode)) {
            throw new IllegalArgumentException("path '" + path + "' holds " + existing + ", not an array");
        }
        array.add(node(element));
        put(root, path, array);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a figure could not be written as JSON", e);
        }
    }

    /**
     * JSON that can sit inside an HTML {@code <script>}: {@code <} appears only inside JSON
     * strings, where {@code \u003c} means the same, so no label can close the script early.
     */
    static String writeForScript(JsonNode node) {
        return write(node).replace("<", "\\u003c");
    }
}
