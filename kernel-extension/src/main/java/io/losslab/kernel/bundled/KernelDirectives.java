package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import io.losslab.kernel.MagicFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * IJava's familiar magics, {@code %jars}, {@code %classpath}, {@code %load} and {@code %maven}.
 * They change what the session compiles against, so the kernel carries them out before the
 * cell's code runs, and each becomes Java source in place of its line: nothing for the classpath
 * ones, the file's code for {@code %load}.
 */
final class KernelDirectives {

    static final Set<String> NAMES = Set.of("jars", "classpath", "load", "maven");

    /** How long {@code %maven} may take to resolve before it gives up. */
    private static final long MAVEN_TIMEOUT_SECONDS = 300;

    private final Consumer<String> classpath;

    /** @param classpath adds one jar or folder to the session's classpath */
    KernelDirectives(Consumer<String> classpath) {
        this.classpath = classpath;
    }

    /** Carries out {@code %name args} and returns the Java source that takes its line's place. */
    String apply(String name, List<String> args) {
        try {
            return switch (name) {
                case "jars" -> addAll(args, true);
                case "classpath" -> addAll(args, false);
                case "load" -> load(args);
                case "maven" -> maven(args);
                default -> throw new IllegalArgumentException("there is no directive %" + name);
            };
        } catch (IOException | RuntimeException e) {
            throw MagicFailure.of(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicFailure("%" + name + " was interrupted");
        }
    }

    private String addAll(List<String> globs, boolean jarsOnly) throws IOException {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("name at least one " + (jarsOnly ? "jar" : "jar or folder")
                    + ", e.g. %" + (jarsOnly ? "jars lib/*.jar" : "classpath build/classes"));
        }
        for (String glob : globs) {
            List<Path> matches = new ArrayList<>();
            try {
                new GlobFinder(glob).computeMatchingPaths().forEach(matches::add);
            } catch (NoSuchFileException missingFolder) {
                matches.clear();
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("nothing matches '" + glob + "' (relative to "
                        + Path.of("").toAbsolutePath() + ")");
            }
            for (Path path : matches) {
                if (jarsOnly && !(Files.isRegularFile(path) && path.toString().endsWith(".jar"))) {
                    throw new IllegalArgumentException(path + " is not a jar file; %classpath takes folders");
                }
                classpath.accept(path.toAbsolutePath().toString());
            }
        }
        return "";
    }

    private String load(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("name exactly one file of Java code, e.g. %load helpers.jsh");
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file = " + args.get(0) + " does not exist (relative to "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Resolves coordinates with the machine's Maven, which knows its repositories and proxies. */
    private String maven(List<String> coordinates) throws IOException, InterruptedException {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("name at least one artifact, e.g. %maven org.tribuo:tribuo-core:4.3.2");
        }
        Path work = Files.createTempDirectory("losslab-maven");
        Path pom = work.resolve("pom.xml");
        Path classpathFile = work.resolve("classpath.txt");
        Files.writeString(pom, MavenPom.forDependencies(coordinates));
        Process mvn;
        try {
            mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", pom.toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + classpathFile)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("%maven needs Maven's mvn command, which is not installed "
                    + "(on Debian: apt-get install maven)");
        }
        String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!mvn.waitFor(MAVEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            mvn.destroyForcibly();
            throw new IllegalStateException("resolving " + coordinates + " took longer than "
                    + MAVEN_TIMEOUT_SECONDS + " s; is a Maven repository reachable?");
        }
        if (mvn.exitValue() != 0) {
            throw new IllegalStateException("could not resolve " + String.join(" ", coordinates)
                    + " from the Maven repositories: " + MavenPom.firstError(output));
        }
        for (String entry : Files.readString(classpathFile).strip().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                classpath.accept(entry);
            }
        }
        return "";
    }
}
