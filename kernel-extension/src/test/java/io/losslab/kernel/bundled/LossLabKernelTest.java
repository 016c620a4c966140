package io.losslab.kernel.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.losslab.kernel.MagicFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled kernel's JShell side, without a Jupyter connection: completion, completeness, directives. */
class LossLabKernelTest {

    private static LossLabKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = new LossLabKernel();
        kernel.eval("int warm = 1;");
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void completesLossLabNames() {
        String code = "Losses.pa";
        ReplacementOptions options = kernel.complete(code, code.length());
        assertNotNull(options, "no completion for " + code);
        assertTrue(options.getReplacements().stream().anyMatch(r -> r.startsWith("parse(")), options.getReplacements().toString());
        assertEquals(code.indexOf("pa"), options.getSourceStart());
    }

    @Test
    void tellsCompleteFromIncompleteCode() {
        assertEquals("complete", kernel.isComplete("int x = 1;"));
        assertEquals("complete", kernel.isComplete("%losslab"));
        assertTrue(kernel.isComplete("for (int i = 0; i < 3; i++) {").isBlank(), "an incomplete block asks for more lines");
    }

    @Test
    void classpathAddsAFolderOfClasses(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/demo"));
        Path source = dir.resolve("Greeting.java");
        Files.writeString(source, "package demo; public class Greeting { public static String hello() { return \"hi\"; } }");
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", dir.resolve("classes").toString(), source.toString()).inheritIO().start();
        assertEquals(0, javac.waitFor());
        assertTrue(Files.isRegularFile(classes.resolve("Greeting.class")));
        DisplayData result = kernel.eval("%classpath " + dir.resolve("classes") + "\ndemo.Greeting.hello()");
        assertEquals("hi", result.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void mavenRefusesMalformedCoordinatesAtOnce() {
        MagicFailure failure = assertThrows(MagicFailure.class, () -> kernel.eval("%maven tribuo-core"));
        assertTrue(failure.getMessage().contains("artifact = tribuo-core is not group:artifact:version"), failure.getMessage());
    }

    @Test
    void mavenSaysWhyAnArtifactCannotBeResolved() {
        List<String> added = new ArrayList<>();
        KernelDirectives directives = new KernelDirectives(added::add);
        MagicFailure failure = assertThrows(MagicFailure.class,
                () -> directives.apply("maven", List.of("io.losslab.missing:nothing:0.0.1")));
        assertTrue(failure.getMessage().contains("could not resolve io.losslab.missing:nothing:0.0.1"), failure.getMessage());
        assertEquals(List.of(), added, "nothing is added to the classpath");
    }
}
