package io.losslab.kernel.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.kernel.MagicFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directives against real files and a real {@code mvn}, pointed at a loopback "repository"
 * that accepts connections and never answers, with a local repository of its own.
 */
class KernelDirectivesTest {

    private static final String ARTIFACT = "org.tribuo:tribuo-core:4.3.2";

    @TempDir
    Path dir;

    private final List<String> added = new ArrayList<>();
    private ServerSocket stalledRepository;
    private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();
    private Path scratch;
    private KernelDirectives directives;

    @BeforeEach
    void startStalledRepository() throws IOException {
        stalledRepository = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "stalled-repository");
        acceptor.setDaemon(true);
        acceptor.start();
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>stalled</id><mirrorOf>*</mirrorOf>"
                + "<url>http://127.0.0.1:" + stalledRepository.getLocalPort() + "/maven2</url></mirror></mirrors></settings>");
        scratch = Files.createDirectory(dir.resolve("scratch"));
        MavenResolver resolver = new MavenResolver(scratch,
                List.of("-s", settings.toString(), "-Dmaven.repo.local=" + dir.resolve("repository")));
        directives = new KernelDirectives(added::add, resolver);
    }

    private void acceptForever() {
        try {
            while (true) {
                connections.add(stalledRepository.accept());
            }
        } catch (IOException closed) {
            // The repository was closed at the end of the test; its connections are closed there too.
        }
    }

    @AfterEach
    void stopStalledRepository() throws IOException {
        stalledRepository.close();
        connections.forEach(KernelDirectivesTest::closeQuietly);
    }

    @Test
    void mavenGivesUpOnAStalledRepositoryAtItsTimeLimit() throws IOException {
        long start = System.nanoTime();
        MagicFailure failure = assertThrows(MagicFailure.class,
                () -> directives.apply("maven", List.of(ARTIFACT, "timeout=3")));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 30, "the 3 s limit did not hold: " + seconds + " s");
        assertOneSentence(failure.getMessage());
        assertTrue(failure.getMessage().contains("took longer than 3 s"), failure.getMessage());
        assertTrue(failure.getMessage().contains("timeout="), "the message names the option: " + failure.getMessage());
        assertNothingLeft();
    }

    @Test
    void interruptingTheThreadStopsMaven() throws Exception {
        assertStopsMaven(Thread::interrupt, true);
    }

    @Test
    void theKernelsInterruptStopsMaven() throws Exception {
        // The kernel's own thread must not be left interrupted: it goes on to serve Jupyter.
        assertStopsMaven(thread -> directives.interrupt(), false);
    }

    /**
     * Starts %maven on a thread, waits until it is stuck on the repository, stops it with
     * {@code stop}, and checks that it ended as it should, leaving the thread interrupted or not.
     */
    private void assertStopsMaven(Consumer<Thread> stop, boolean interruptKept) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean leftInterrupted = new AtomicBoolean();
        Thread cell = new Thread(() -> {
            try {
                directives.apply("maven", List.of(ARTIFACT, "timeout=120"));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            leftInterrupted.set(Thread.currentThread().isInterrupted());
        });
        cell.start();
        Socket request = connections.poll(60, TimeUnit.SECONDS);
        assertTrue(request != null, "mvn never reached the repository");
        stop.accept(cell);
        cell.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(cell.isAlive(), "%maven did not return after being stopped");
        assertInstanceOf(MagicFailure.class, thrown.get());
        assertEquals("%maven was interrupted; nothing was added to the classpath", thrown.get().getMessage());
        assertEquals(interruptKept, leftInterrupted.get(), "the thread's interrupt status afterwards");
        assertTrue(closedByPeer(request), "mvn still holds its connection: the process was not destroyed");
        assertNothingLeft();
    }

    @Test
    void mavenRefusesBadWordsWithoutStartingMaven() throws IOException {
        assertFailure("%maven: artifact = tribuo-core is not group:artifact:version", "maven", "tribuo-core");
        assertFailure("%maven: timeout = soon is not a whole number of seconds", "maven", ARTIFACT, "timeout=soon");
        assertFailure("%maven: timeout = 0 is not a whole number of seconds", "maven", ARTIFACT, "timeout=0");
        assertFailure("%maven: unknown option 'retries'", "maven", ARTIFACT, "retries=3");
        assertTrue(connections.isEmpty(), "mvn was started");
        assertNothingLeft();
    }

    @Test
    void mavensReasonIsItsFirstErrorWithoutEscapeCodes() {
        String log = "\u001B[0m\u001B[0m[INFO] Scanning for projects...\n"
                + "[ERROR] Failed to execute goal on project maven-magic: Could not resolve dependencies for project "
                + "losslab.session:maven-magic:jar:1: Could not find artifact io.losslab.missing:nothing:jar:0.0.1 in "
                + "central (https://repo.maven.apache.org/maven2) -> [Help 1]\u001B[0m\n"
                + "[ERROR] \n[ERROR] Re-run Maven using the -X switch to enable full debug logging.\n\u001B[0m";
        assertEquals("Could not find artifact io.losslab.missing:nothing:jar:0.0.1 in central "
                + "(https://repo.maven.apache.org/maven2)", MavenPom.reason(log, 1));
        String cached = "[ERROR] Failed to execute goal on project maven-magic: Could not resolve dependencies for project "
                + "losslab.session:maven-magic:jar:1: io.losslab.missing:nothing:jar:0.0.1 was not found in "
                + "https://repo.maven.apache.org/maven2 during a previous attempt. -> [Help 1]";
        assertEquals("io.losslab.missing:nothing:jar:0.0.1 was not found in https://repo.maven.apache.org/maven2 "
                + "during a previous attempt.", MavenPom.reason(cached, 1));
        assertEquals("Maven stopped with exit code 137 without saying why", MavenPom.reason("\u001B[0m\u001B[0m", 137));
    }

    @Test
    void classpathRefusesAFileThatIsNeitherJarNorFolder() throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not classes");
        assertFailure("%classpath: path = " + notes + " is neither a jar file nor a folder of classes",
                "classpath", classes.toString(), notes.toString());
        assertEquals(List.of(), added, "nothing is added when one path is refused");
        directives.apply("classpath", List.of(classes.toString()));
        assertEquals(List.of(classes.toAbsolutePath().toString()), added);
    }

    @Test
    void loadSaysAFolderIsNotAFileOfCode() {
        assertFailure("%load: file = " + dir + " is a folder, not a file of Java code", "load", dir.toString());
    }

    private void assertFailure(String expectedStart, String directive, String... words) {
        MagicFailure failure = assertThrows(MagicFailure.class, () -> directives.apply(directive, List.of(words)));
        assertTrue(failure.getMessage().startsWith(expectedStart), failure.getMessage());
        assertOneSentence(failure.getMessage());
    }

    private static void assertOneSentence(String message) {
        assertFalse(message.contains("\n"), "more than one line: " + message);
        assertFalse(message.contains("\u001B"), "terminal escape codes: " + message);
    }

    private void assertNothingLeft() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "scratch folders were left behind");
        }
        assertEquals(List.of(), added, "nothing is added to the classpath");
    }

    /** Whether the other end closed {@code socket}, as a destroyed process's sockets are. */
    private static boolean closedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // The test is over with this connection either way.
        }
    }
}
