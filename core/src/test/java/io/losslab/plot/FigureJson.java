package io.losslab.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads a figure's JSON back with a strict parser, as a browser's JSON.parse would. */
final class FigureJson {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FigureJson() {
    }

    static JsonNode parse(Figure figure) {
        return parse(figure.toJson());
    }

    static JsonNode parse(String json) {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not strict JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode trace(Figure figure, int i) {
        return parse(figure).path("data").path(i);
    }

    static JsonNode layout(Figure figure) {
        return parse(figure).path("layout");
    }

    /** The numbers of a JSON array; null reads as NaN. */
    static double[] doubles(JsonNode array) {
        requireArray(array);
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(n -> n.isNull() ? Double.NaN : n.asDouble()).toArray();
    }

    static List<String> strings(JsonNode array) {
        requireArray(array);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> traceTypes(Figure figure) {
        List<String> types = new ArrayList<>();
        parse(figure).path("data").forEach(t -> types.add(t.path("type").asText()));
        return types;
    }

    private static void requireArray(JsonNode node) {
        if (!node.isArray()) {
            throw new AssertionError("expected a JSON array, but found " + node);
        }
    }
}
