package io.losslab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Python interpreter the peer benchmarks run in. */
final class Python {

    private static final long IMPORT_TIMEOUT_SECONDS = 120;

    private Python() {
    }

    /** Whether {@code python} starts and can import {@code module} (false if it cannot say in time). */
    static boolean canImport(Path python, String module) {
        try {
            Process check = new ProcessBuilder(python.toString(), "-c", "import " + module)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(IMPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a peer script and returns what it printed on standard output; its standard error (its
     * progress and any message) goes to ours.
     *
     * @throws IllegalStateException if it cannot start, exits non-zero or is interrupted
     */
    static String runScript(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the PyTorch script failed with exit code " + exit
                        + " (its message is above)");
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("could not run the PyTorch script: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PyTorch script ran", e);
        }
    }
}
