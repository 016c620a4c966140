package io.losslab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
// ND4J ships this shaded copy of Jackson; using it avoids a JSON dependency of our own.
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * PyTorch on the CPU doing the same work as the Java side, in a Python subprocess: the script
 * {@code losses_torch.py} times the same floors and losses and prints one JSON object.
 *
 * @param python the interpreter that should import torch
 * @param script the path of {@code losses_torch.py}
 */
record TorchPeer(Path python, Path script) {

    /**
     * The timings of the peer, and what produced them: torch's version, its threads and the BLAS
     * library of its matrix products (see {@link Blas}).
     */
    record Results(String torchVersion, int threads, String blas, List<ShapeTimings> shapes) {
    }

    /** Whether the interpreter starts and can import torch. */
    boolean available() {
        return Python.canImport(python, "torch");
    }

    /**
     * Runs the script and reads its timings. Its progress and errors go to our standard error.
     *
     * @throws IllegalStateException if the script fails or prints something other than the JSON
     */
    Results run(BenchSettings settings, List<String> lossIds) {
        String json = Python.runScript(arguments(settings));
        return parse(json, settings.shapes(), lossIds);
    }

    private List<String> arguments(BenchSettings settings) {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(
                "--shapes", settings.shapes().stream().map(Shape::key).collect(Collectors.joining(",")),
                "--threads", Integer.toString(settings.threads()),
                "--warmup-runs", Integer.toString(settings.plan().warmupRuns()),
                "--warmup-seconds", Double.toString(settings.plan().warmupSeconds()),
                "--runs", Integer.toString(settings.plan().timedRuns()),
                "--gamma", Double.toString(settings.gamma()),
                "--tau", Double.toString(settings.tau()),
                "--rho", Double.toString(settings.rho()),
                "--head-count", Double.toString(BenchSettings.HEAD_COUNT),
                "--seed", Long.toString(settings.seed())));
        return command;
    }

    private static Results parse(String json, List<Shape> shapes, List<String> lossIds) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the PyTorch script printed no valid JSON: " + e.getMessage(), e);
        }
        List<ShapeTimings> timings = new ArrayList<>();
        for (Shape shape : shapes) {
            JsonNode node = root.path("shapes").path(shape.key());
            Map<String, Timing> losses = new LinkedHashMap<>();
            for (String id : lossIds) {
                losses.put(id, timing(node, id, shape));
            }
            timings.add(new ShapeTimings(shape, timing(node, "exp", shape), timing(node, "copy", shape), losses, null));
        }
        return new Results(root.path("torch").asText("?"), root.path("threads").asInt(), root.path("blas").asText("?"),
                timings);
    }

    private static Timing timing(JsonNode shapeNode, String name, Shape shape) {
        JsonNode node = shapeNode.path(name);
        if (!node.path("median_ms").isNumber()) {
            throw new IllegalStateException("the PyTorch script printed no timing of " + name + " on " + shape);
        }
        return new Timing(node.path("median_ms").asDouble(), node.path("min_ms").asDouble(),
                node.path("max_ms").asDouble());
    }
}
