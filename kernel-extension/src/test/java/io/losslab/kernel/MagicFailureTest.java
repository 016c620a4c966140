package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DownloadProgress;
import io.losslab.data.UrlCache;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicFailureTest {

    @TempDir
    Path folder;

    @Test
    void anIoExceptionLossLabWroteIsShownWithoutItsJavaType() throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + JupyterHarness.freePort() + "/x.csv");
        IOException refused = assertThrows(IOException.class,
                () -> UrlCache.in(folder).fetch(uri, DownloadProgress.NONE));

        String shown = MagicFailure.of("dataset", refused).getMessage();

        assertEquals("%dataset: " + refused.getMessage(), shown);
        assertTrue(shown.contains(uri.toString()), shown);
    }

    @Test
    void anIoExceptionOfTheJdkKeepsItsTypeWhichSaysWhatHappened() {
        IOException missing = assertThrows(IOException.class, () -> Files.readString(folder.resolve("absent.csv")));

        String shown = MagicFailure.of("dataset", missing).getMessage();

        assertTrue(shown.startsWith("%dataset failed: java.nio.file.NoSuchFileException: "), shown);
    }
}
