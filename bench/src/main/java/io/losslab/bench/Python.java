package io.losslab.bench;

import java.io.IOException;
import java.nio.file.Path;
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
}
