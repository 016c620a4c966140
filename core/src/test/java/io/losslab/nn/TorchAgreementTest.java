package io.losslab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LossLab's optimisers and MLP pass step for step against PyTorch itself, run on the same float32
 * numbers by {@code torch_reference.py} (beside this class in the test resources): {@link Adam}
 * and {@link Sgd} against {@code torch.optim.Adam} and {@code torch.optim.SGD} over 25 gradients
 * for 300 parameters, and an {@link Mlp}'s logits and parameter gradients against
 * {@code nn.Sequential(Linear, ReLU, ...)} with the same weights.
 *
 * <p>Tolerances are in float32 terms: a value may differ from PyTorch's by the tolerance times
 * {@code max(1, |PyTorch's value|)}, i.e. absolutely below 1 and relatively above it. Operations
 * done in another order round differently, by a few units in the last place (one is 1.2e-7 at
 * 1; the largest difference here is about 2e-7, after 25 steps of SGD with momentum), while a
 * wrong formula (a moment, a bias correction, weight decay applied the AdamW way, a missing bias
 * gradient) differs by orders of magnitude more.
 *
 * <p>PyTorch is the Python in the system property {@code losslab.torchPython}, which
 * {@code ./losslab test} sets to Debian's {@code /usr/bin/python3} after installing
 * {@code python3-torch}. When the property is set and that Python cannot import torch, the tests
 * fail and say how to install it; when it is not set (a plain {@code mvn test}), they are skipped
 * and say how to run them: {@code -Dlosslab.torchPython=/usr/bin/python3}.
 */
class TorchAgreementTest {

    private static final String PYTHON_PROPERTY = "losslab.torchPython";
    private static final long PYTHON_TIMEOUT_SECONDS = 300;

    private static final int PARAMETERS = 300;
    private static final int STEPS = 25;
    private static final double OPTIMISER_TOLERANCE = 1e-6;
    private static final List<OptimiserCase> OPTIMISERS = List.of(
            new OptimiserCase("adam", "adam", 0.01, 0, 0),
            new OptimiserCase("adam with weight decay", "adam", 0.01, 0, 0.1),
            new OptimiserCase("sgd with momentum and weight decay", "sgd", 0.01, 0.9, 0.01),
            new OptimiserCase("sgd", "sgd", 0.05, 0, 0));

    private static final Layout LAYOUT = new Layout(new int[] {20, 16, 16, 5}, false);
    private static final int BATCH = 8;
    private static final double MLP_TOLERANCE = 1e-5;

    private static final SplittableRandom RANDOM = new SplittableRandom(20);
    private static final float[] INITIAL = uniform(PARAMETERS);
    private static final float[][] GRADIENTS = gradients();
    private static final float[] NETWORK = LAYOUT.initialParameters(RANDOM);
    private static final float[] INPUT = normal(BATCH * LAYOUT.width(0));
    private static final float[] LOGIT_GRADIENT = normal(BATCH * LAYOUT.width(LAYOUT.layers()));

    private static JsonNode torchAnswer;

    /** An optimiser and its settings, by the name and kind torch_reference.py knows them by. */
    private record OptimiserCase(String name, String kind, double learningRate, double momentum, double weightDecay) {

        Optimiser create() {
            return kind.equals("adam") ? new Adam(learningRate, weightDecay)
                    : new Sgd(learningRate, momentum, weightDecay);
        }
    }

    /**
     * PyTorch's answer to {@link #request()}, computed on first use; skips the calling test when
     * no Python was given, and fails it when the given one cannot run PyTorch.
     */
    private static JsonNode torch() throws IOException, InterruptedException, URISyntaxException {
        String python = System.getProperty(PYTHON_PROPERTY);
        assumeTrue(python != null, "skipped: this test compares LossLab with PyTorch, which ./losslab test provides; "
                + "to run it under plain Maven, pass -D" + PYTHON_PROPERTY + "=/usr/bin/python3 with the Debian "
                + "package python3-torch installed");
        if (torchAnswer == null) {
            torchAnswer = runPyTorch(python);
        }
        return torchAnswer;
    }

    /**
     * Runs torch_reference.py on the request and reads its answer; fails with how to install
     * PyTorch when the Python cannot import it, else with what the script said.
     */
    private static JsonNode runPyTorch(String python) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(TorchAgreementTest.class.getResource("torch_reference.py").toURI());
        Path errors = Files.createTempFile("torch-reference", ".txt");
        try {
            Process process;
            try {
                process = new ProcessBuilder(python, script.toString()).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError(PYTHON_PROPERTY + " = " + python + " cannot be started ("
                        + e.getMessage() + "): point it at a Python with PyTorch, such as Debian's /usr/bin/python3 "
                        + "with python3-torch", e);
            }
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(new ObjectMapper().writeValueAsBytes(request()));
            } catch (IOException e) {
                // The script ended before reading its request; the exit code and its message say why.
            }
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("torch_reference.py did not finish within " + PYTHON_TIMEOUT_SECONDS + " s");
            }
            String message = Files.readString(errors).strip();
            if (message.contains("No module named 'torch'")) {
                throw new AssertionError(PYTHON_PROPERTY + " = " + python + " cannot import torch: install "
                        + "PyTorch with sudo apt-get install python3-torch (./losslab test does it when run as root)");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(python + " failed on torch_reference.py with exit code " + process.exitValue()
                        + ": " + message);
            }
            return new ObjectMapper().readTree(answer);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    @Test
    void optimisersStepAsTorchOptimDoes() throws Exception {
        JsonNode torch = torch();
        for (OptimiserCase optimiserCase : OPTIMISERS) {
            Optimiser optimiser = optimiserCase.create();
            JsonNode steps = torch.path("optimisers").path(optimiserCase.name());
            assertEquals(STEPS, steps.size(), optimiserCase.name() + ": PyTorch's steps");
            float[] parameters = INITIAL.clone();
            optimiser.initialise(PARAMETERS);
            for (int t = 0; t < STEPS; t++) {
                optimiser.step(parameters, GRADIENTS[t]);
                assertClose(steps.get(t), parameters, OPTIMISER_TOLERANCE, optimiserCase.name() + ", step " + (t + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Elementwise.class)
    void mlpLogitsAndGradientsAreTorchs(Elementwise elementwise) throws Exception {
        JsonNode torch = torch();
        Parameters parameters = new Parameters(NETWORK);
        Mlp pass = Mlp.forTraining(LAYOUT, Activation.RELU, elementwise, BATCH, parameters.array(),
                parameters.gradientArray(), false);
        pass.inputFeatures().assign(Nd4j.create(INPUT, new long[] {BATCH, LAYOUT.width(0)}, DataType.FLOAT));
        INDArray logits = pass.forward(0, null);
        assertClose(flatten(torch.path("mlp").path("logits")), logits.dup('c').data().asFloat(), MLP_TOLERANCE,
                "logits");
        pass.backward(LOGIT_GRADIENT);
        float[] gradients = parameters.gradientArray().toFloatVector();
        JsonNode layers = torch.path("mlp").path("layers");
        assertEquals(LAYOUT.layers(), layers.size(), "PyTorch's layers");
        for (int l = 1; l <= LAYOUT.layers(); l++) {
            JsonNode layer = layers.get(l - 1);
            assertClose(flatten(layer.path("weight")), torchWeight(gradients, l), MLP_TOLERANCE,
                    "weight gradient of layer " + l);
            assertClose(layer.path("bias"), torchBias(gradients, l), MLP_TOLERANCE, "bias gradient of layer " + l);
        }
    }

    /** The request torch_reference.py documents, every value a float32 written as a double. */
    private static ObjectNode request() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode optimisers = json.createObjectNode();
        optimisers.set("initial", array(json, INITIAL));
        ArrayNode gradients = optimisers.putArray("gradients");
        for (float[] gradient : GRADIENTS) {
            gradients.add(array(json, gradient));
        }
        ObjectNode cases = optimisers.putObject("cases");
        for (OptimiserCase optimiserCase : OPTIMISERS) {
            cases.putObject(optimiserCase.name())
                    .put("kind", optimiserCase.kind())
                    .put("learning_rate", optimiserCase.learningRate())
                    .put("momentum", optimiserCase.momentum())
                    .put("weight_decay", optimiserCase.weightDecay());
        }
        ObjectNode mlp = json.createObjectNode();
        ArrayNode layers = mlp.putArray("layers");
        for (int l = 1; l <= LAYOUT.layers(); l++) {
            ObjectNode layer = layers.addObject();
            layer.set("weight", rows(json, torchWeight(NETWORK, l), LAYOUT.width(l - 1)));
            layer.set("bias", array(json, torchBias(NETWORK, l)));
        }
        mlp.set("input", rows(json, INPUT, LAYOUT.width(0)));
        mlp.set("logit_gradient", rows(json, LOGIT_GRADIENT, LAYOUT.width(LAYOUT.layers())));
        ObjectNode request = json.createObjectNode();
        request.set("optimisers", optimisers);
        request.set("mlp", mlp);
        return request;
    }

    /**
     * Layer l's weights as nn.Linear holds them, outputs × inputs in row-major order: the
     * transpose of the first {@code inputs} rows of LossLab's {@code (inputs + 1) × outputs} matrix.
     */
    private static float[] torchWeight(float[] flat, int l) {
        int inputs = LAYOUT.width(l - 1);
        int outputs = LAYOUT.width(l);
        float[] weight = new float[outputs * inputs];
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < inputs; i++) {
                weight[j * inputs + i] = flat[LAYOUT.offset(l) + i * outputs + j];
            }
        }
        return weight;
    }

    /** Layer l's bias: the last row of LossLab's matrix. */
    private static float[] torchBias(float[] flat, int l) {
        int start = LAYOUT.offset(l) + LAYOUT.width(l - 1) * LAYOUT.width(l);
        float[] bias = new float[LAYOUT.width(l)];
        System.arraycopy(flat, start, bias, 0, bias.length);
        return bias;
    }

    private static void assertClose(JsonNode expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.length, what + ": count");
        for (int i = 0; i < actual.length; i++) {
            double reference = expected.get(i).asDouble();
            assertEquals(reference, actual[i], tolerance * Math.max(1, Math.abs(reference)), what + ", entry " + i);
        }
    }

    private static JsonNode flatten(JsonNode rows) {
        ArrayNode flat = new ObjectMapper().createArrayNode();
        rows.forEach(row -> row.forEach(flat::add));
        return flat;
    }

    private static ArrayNode array(ObjectMapper json, float[] values) {
        ArrayNode array = json.createArrayNode();
        for (float value : values) {
            array.add((double) value);
        }
        return array;
    }

    private static ArrayNode rows(ObjectMapper json, float[] values, int columns) {
        ArrayNode rows = json.createArrayNode();
        for (int start = 0; start < values.length; start += columns) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < columns; c++) {
                row.add((double) values[start + c]);
            }
        }
        return rows;
    }

    private static float[] uniform(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) RANDOM.nextDouble(-1, 1);
        }
        return values;
    }

    private static float[] normal(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) RANDOM.nextGaussian();
        }
        return values;
    }

    /**
     * Normal gradients whose scale changes from step to step over four orders of magnitude, so that
     * Adam's moments see both steady and sudden changes.
     */
    private static float[][] gradients() {
        float[][] gradients = new float[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            double scale = Math.pow(10, RANDOM.nextDouble(-3, 1));
            gradients[t] = normal(PARAMETERS);
            for (int i = 0; i < PARAMETERS; i++) {
                gradients[t][i] *= (float) scale;
            }
        }
        return gradients;
    }
}
