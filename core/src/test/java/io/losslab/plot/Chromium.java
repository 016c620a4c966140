package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run on a local page with every network path closed: a proxy on a
 * port nothing listens on and a resolver that finds no host, so a page that tried to fetch
 * plotly.js from anywhere would fail to draw. Shared with the kernel module's notebook tests.
 */
public final class Chromium {

    public static final String INSTALL = "install Debian's chromium package: apt-get install -y chromium "
            + "(./losslab test installs it when run as root)";

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path scratch;

    private Chromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** Chromium from the PATH; the test fails, never skips, when it is missing. */
    public static Chromium find(Path scratch) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            fail("The browser tests need Chromium, which is not on the PATH: " + INSTALL);
        }
        return new Chromium(found.get(), scratch);
    }

    /** What one run printed: the DOM or nothing on stdout, Chromium's log (with the page's console) on stderr. */
    public record Run(String stdout, String stderr) {

        /** The page's console lines that report an uncaught error. */
        public List<String> uncaughtErrors() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE") && l.contains("Uncaught")).toList();
        }
    }

    /** The page's DOM after its scripts have had {@code virtualMillis} of (virtual) time. */
    public Run dumpDom(Path page, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", page.toUri().toString()));
    }

    /** A PNG of the page in a window of the given size. */
    public Run screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
    }

    private Run run(List<String> pageArguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(pageArguments);
        Path out = scratch.resolve(profile.getFileName() + ".out");
        Path err = scratch.resolve(profile.getFileName() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        if (process.exitValue() != 0) {
            fail("Chromium exited with " + process.exitValue() + ": " + String.join(" ", command) + "\n" + tail(run.stderr()));
        }
        return run;
    }

    static String tail(String text) {
        List<String> lines = Arrays.asList(text.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
