package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import io.losslab.kernel.MagicFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * IJava's familiar magics, {@code %jars}, {@code %classpath}, {@code %load} and {@code %maven}.
 * They change what the session compiles against, so the kernel carries them out before the
 * cell's code runs, and each becomes Java source in place of its line: nothing for the classpath
 * ones, the file's code for {@code %load}. A directive that fails adds nothing to the classpath.
 *
 * <p>{@code %maven COORDINATE... [timeout=SECONDS]} gives up after {@code timeout} seconds (300
 * unless given); a repository that accepts a connection and then sends nothing fails the
 * transfer sooner.
 */
final class KernelDirectives {

    static final Set<String> NAMES = Set.of("jars", "classpath", "load", "maven");

    /** How long {@code %maven} may take to resolve, unless its {@code timeout=SECONDS} says otherwise. */
    private static final long MAVEN_TIMEOUT_SECONDS = 300;
    private static final String TIMEOUT = "timeout";

    private final Consumer<String> classpath;
    private final MavenResolver maven;

    /** @param classpath adds one jar or folder to the session's classpath */
    KernelDirectives(Consumer<String> classpath) {
        this(classpath, MavenResolver.standard());
    }

    /**
     * @param classpath adds one jar or folder to the session's classpath
     * @param maven     what {@code %maven} resolves coordinates with
     */
    KernelDirectives(Consumer<String> classpath, MavenResolver maven) {
        this.classpath = classpath;
        this.maven = maven;
    }

    /**
     * Stops a directive under way on another thread. Directives run on the kernel's own thread,
     * before the cell's thread exists, so the kernel's interrupt must reach them here, and without
     * interrupting that thread, which goes on to serve Jupyter; only {@code %maven} can take long.
     */
    void interrupt() {
        maven.stop();
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
        } catch (CancellationException stopped) {
            throw interrupted(name);
        } catch (IOException | RuntimeException e) {
            throw MagicFailure.of(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(name);
        }
    }

    private static MagicFailure interrupted(String name) {
        return new MagicFailure("%" + name + " was interrupted; nothing was added to the classpath");
    }

    /** Adds every match of every glob, or, if any glob matches nothing or anything unsuitable, none. */
    private String addAll(List<String> globs, boolean jarsOnly) throws IOException {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("name at least one " + (jarsOnly ? "jar" : "jar or folder")
                    + ", e.g. %" + (jarsOnly ? "jars lib/*.jar" : "classpath build/classes"));
        }
        List<Path> paths = new ArrayList<>();
        for (String glob : globs) {
            for (Path path : matches(glob)) {
                paths.add(checked(path, jarsOnly));
            }
        }
        paths.forEach(path -> classpath.accept(path.toAbsolutePath().toString()));
        return "";
    }

    private static List<Path> matches(String glob) throws IOException {
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
        return matches;
    }

    private static Path checked(Path path, boolean jarsOnly) {
        boolean jar = Files.isRegularFile(path) && path.toString().endsWith(".jar");
        if (jarsOnly && !jar) {
            throw new IllegalArgumentException(path + " is not a jar file; %classpath takes folders");
        }
        if (!jar && !Files.isDirectory(path)) {
            throw new IllegalArgumentException("path = " + path + " is neither a jar file nor a folder of classes");
        }
        return path;
    }

    private String load(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("name exactly one file of Java code, e.g. %load helpers.jsh");
        }
        Path file = Path.of(args.get(0));
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("file = " + args.get(0) + " is a folder, not a file of Java code");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file = " + args.get(0) + " does not exist (relative to "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Resolves coordinates with the machine's Maven, which knows its repositories and proxies. */
    private String maven(List<String> words) throws IOException, InterruptedException {
        List<String> coordinates = words.stream().filter(word -> !word.contains("=")).toList();
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("name at least one artifact, e.g. %maven org.tribuo:tribuo-core:4.3.2");
        }
        maven.resolve(coordinates, mavenTimeout(words)).forEach(classpath);
        return "";
    }

    /** The {@code timeout=SECONDS} among {@code %maven}'s words, or the default. */
    private static Duration mavenTimeout(List<String> words) {
        List<String> options = words.stream().filter(word -> word.contains("=")).toList();
        for (String option : options) {
            String key = option.substring(0, option.indexOf('='));
            if (!key.equals(TIMEOUT)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; the option is timeout=SECONDS");
            }
        }
        if (options.size() > 1) {
            throw new IllegalArgumentException("option 'timeout' is given twice");
        }
        return options.isEmpty() ? Duration.ofSeconds(MAVEN_TIMEOUT_SECONDS) : seconds(options.get(0).substring(TIMEOUT.length() + 1));
    }

    private static Duration seconds(String value) {
        if (!value.matches("0*[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("timeout = " + value + " is not a whole number of seconds from 1 to 999999999");
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
