package io.losslab.kernel.bundled;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Resolves Maven coordinates to jars with the machine's {@code mvn}, which knows the user's
 * repositories, mirrors and proxies. Each resolution works in a scratch folder of its own, deleted
 * whatever happens, and ends within its time limit or when {@link #stop()} is called: the mvn
 * process and any it started are then destroyed.
 */
final class MavenResolver {

    /** How long a repository may take to accept a connection. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long a repository may send nothing before Maven gives up on the transfer. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    /** A fixed version, so that Maven need not look up the latest plugin in the repositories first. */
    private static final String BUILD_CLASSPATH = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath";

    /** How long a destroyed mvn may take to exit before its scratch folder is deleted anyway. */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final Path scratchParent;
    private final List<String> mavenOptions;
    private boolean resolving;
    private boolean stopRequested;
    private Process running;

    /**
     * @param scratchParent where each resolution makes (and deletes) its scratch folder
     * @param mavenOptions  extra command-line options for mvn, such as {@code -s settings.xml}
     */
    MavenResolver(Path scratchParent, List<String> mavenOptions) {
        this.scratchParent = scratchParent;
        this.mavenOptions = List.copyOf(mavenOptions);
    }

    /** A resolver with the user's own Maven settings, working in the system's temporary folder. */
    static MavenResolver standard() {
        return new MavenResolver(Path.of(System.getProperty("java.io.tmpdir")), List.of());
    }

    /**
     * The jars of {@code coordinates} and their dependencies.
     *
     * @throws IllegalArgumentException for a malformed coordinate, before Maven is started
     * @throws IllegalStateException    if Maven is missing, fails, or runs out of time, saying why
     * @throws InterruptedException     if the thread was interrupted
     * @throws CancellationException    if {@link #stop()} was called; the thread's interrupt status is left alone
     */
    List<String> resolve(List<String> coordinates, Duration limit) throws IOException, InterruptedException {
        String pom = MavenPom.forDependencies(coordinates);
        begin();
        try {
            Path scratch = Files.createTempDirectory(scratchParent, "losslab-maven");
            try {
                Files.writeString(scratch.resolve("pom.xml"), pom);
                return resolveIn(scratch, coordinates, limit);
            } finally {
                deleteTree(scratch);
            }
        } finally {
            finish();
        }
    }

    private List<String> resolveIn(Path scratch, List<String> coordinates, Duration limit)
            throws IOException, InterruptedException {
        Path log = scratch.resolve("maven.log");
        Path classpathFile = scratch.resolve("classpath.txt");
        Process mvn = start(command(scratch, classpathFile), log);
        try {
            boolean finished = mvn.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (wasStopped()) {
                throw new CancellationException("%maven was stopped");
            }
            if (!finished) {
                throw new IllegalStateException("resolving " + String.join(" ", coordinates) + " took longer than "
                        + limit.toSeconds() + " s and was stopped; give it longer with timeout=SECONDS, "
                        + "or check that a Maven repository is reachable");
            }
        } finally {
            destroyTree(mvn);
            awaitExit(mvn);
        }
        if (mvn.exitValue() != 0) {
            throw new IllegalStateException("could not resolve " + String.join(" ", coordinates) + ": "
                    + MavenPom.reason(Files.readString(log, StandardCharsets.UTF_8), mvn.exitValue()));
        }
        return Arrays.stream(Files.readString(classpathFile).strip().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .toList();
    }

    private List<String> command(Path scratch, Path classpathFile) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-Dstyle.color=never",
                "-Daether.connector.connectTimeout=" + CONNECT_TIMEOUT_MILLIS,
                "-Daether.connector.requestTimeout=" + READ_TIMEOUT_MILLIS,
                // Maven 3.8's HTTP transport (Wagon) reads its read timeout only from this property.
                "-Dmaven.wagon.rto=" + READ_TIMEOUT_MILLIS));
        command.addAll(mavenOptions);
        command.addAll(List.of("-f", scratch.resolve("pom.xml").toString(), BUILD_CLASSPATH,
                "-Dmdep.outputFile=" + classpathFile));
        return command;
    }

    /** Starts mvn, unless {@link #stop()} came first. */
    private synchronized Process start(List<String> command, Path log) {
        if (stopRequested) {
            throw new CancellationException("%maven was stopped");
        }
        try {
            running = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("%maven needs Maven's mvn command, which is not installed "
                    + "(on Debian: apt-get install maven)");
        }
        return running;
    }

    private synchronized void begin() {
        resolving = true;
        stopRequested = false;
    }

    private synchronized boolean wasStopped() {
        return stopRequested;
    }

    private synchronized void finish() {
        resolving = false;
        stopRequested = false;
        running = null;
    }

    /**
     * Ends the resolution under way, if any, within moments: its {@link #resolve} then throws
     * {@link CancellationException}. Safe to call from any thread, and a no-op between resolutions.
     */
    void stop() {
        Process process;
        synchronized (this) {
            if (!resolving) {
                return;
            }
            stopRequested = true;
            process = running;
        }
        if (process != null) {
            destroyTree(process);
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Waits briefly for a destroyed mvn to exit, so that it writes nothing into a folder being
     * deleted; an interrupt does not cut the wait short but is kept for the caller.
     */
    private static void awaitExit(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
