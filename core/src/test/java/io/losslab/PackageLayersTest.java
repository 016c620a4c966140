package io.losslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's packages depend one way. This is the one place their order is written down: a package
 * may name classes of packages on lower layers only, never of one on its own layer or above, so
 * no two packages can depend on each other. Imports and fully qualified names both count.
 */
class PackageLayersTest {

    /** Core's packages, bottom layer first. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("data"),
            Set.of("loss", "nn"),
            Set.of("train"),
            Set.of("eval", "diffusion"),
            Set.of("experiment"),
            Set.of("plot"));

    /** Core's main sources, from the module directory, where Maven runs the tests. */
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "losslab");

    /** A class of a LossLab package, as an import or a fully qualified name mentions it. */
    private static final Pattern CLASS_REFERENCE = Pattern.compile("\\bio\\.losslab\\.([a-z]+)\\.(?:[A-Z]\\w*|\\*)");

    @Test
    void everyPackageHasALayer() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "the tests must run in the core module, where " + SOURCES + " is");
        Set<String> onDisk;
        try (Stream<Path> entries = Files.list(SOURCES)) {
            onDisk = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> layered = LAYERS.stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(layered, onDisk, "LAYERS must name each package under " + SOURCES + " once");
    }

    @Test
    void noPackageUsesOneBesideOrAboveIt() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String ownPackage = SOURCES.relativize(file).getName(0).toString();
                String name = SOURCES.relativize(file).toString().replace('\\', '/');
                violations.addAll(violations(ownPackage, name, Files.readString(file)));
            }
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void namesTheFileAndTheClassOfEveryWrongWayReference() {
        String source = """
                package io.losslab.train;

                import io.losslab.data.LabeledData;
                import io.losslab.eval.ClassificationMetrics;

                /** Uses {@link io.losslab.nn.Mlp} and {@link io.losslab.plot.Figure}. */
                class Example {
                    io.losslab.train.NdModel model;
                }
                """;
        assertEquals(List.of(
                "train/Example.java:4 uses io.losslab.eval.ClassificationMetrics, but eval is above train",
                "train/Example.java:6 uses io.losslab.plot.Figure, but plot is above train"),
                violations("train", "train/Example.java", source));
        assertEquals(List.of("diffusion/Example.java:1 uses io.losslab.eval.Format, but eval is beside diffusion"),
                violations("diffusion", "diffusion/Example.java", "import static io.losslab.eval.Format.value;"));
    }

    /** Each line of {@code source}, the file {@code name} of package {@code ownPackage}, that names a class it may not. */
    private static List<String> violations(String ownPackage, String name, String source) {
        int ownLayer = layerOf(ownPackage);
        List<String> violations = new ArrayList<>();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher reference = CLASS_REFERENCE.matcher(lines.get(i));
            while (reference.find()) {
                String used = reference.group(1);
                int usedLayer = layerOf(used);
                if (!used.equals(ownPackage) && usedLayer >= ownLayer) {
                    violations.add(name + ":" + (i + 1) + " uses " + reference.group() + ", but " + used + " is "
                            + (usedLayer == ownLayer ? "beside " : "above ") + ownPackage);
                }
            }
        }
        return violations;
    }

    private static int layerOf(String packageName) {
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            if (LAYERS.get(layer).contains(packageName)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("package io.losslab." + packageName + " is in no layer of " + LAYERS);
    }
}
