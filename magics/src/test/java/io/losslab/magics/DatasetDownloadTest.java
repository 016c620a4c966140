package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.LabeledData;
import io.losslab.data.LoopbackHttpServer;
import io.losslab.data.MalformedDataException;
import io.losslab.data.UrlCache;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %dataset load URL} and its download options against a real HTTP server on the loopback interface. */
class DatasetDownloadTest {

    private static final String TABLE = "x,kind\n1,a\n2,b\n3,a\n";

    private static final String ERROR_PAGE = "<!DOCTYPE html>\n<html><body><p>Back soon.</p></body></html>\n";

    /** Long enough that a test which waits for it has hung. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;

    private final RecordingContext context = new RecordingContext();
    private LoopbackHttpServer server;
    private DatasetMagic magic;

    @BeforeEach
    void startServer() throws IOException {
        byte[] table = TABLE.getBytes(StandardCharsets.UTF_8);
        byte[] errorPage = ERROR_PAGE.getBytes(StandardCharsets.UTF_8);
        server = LoopbackHttpServer.create();
        server.serve("/table.csv", exchange -> LoopbackHttpServer.respond(exchange, "text/csv", table, table.length))
                .serve("/html/table.csv", server.flaky("text/html", errorPage, "text/csv", table))
                .serve("/plain/table.csv", server.flaky("text/plain", errorPage, "text/csv", table))
                .serve("/silent.csv", server::stallUntilStopped)
                .start();
        UrlCache cache = UrlCache.in(cacheDir);
        magic = new DatasetMagic(() -> cache);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        assertTrue(server.stop(HANG), "the server's handlers ended");
    }

    @Test
    void aUrlIsDownloadedOnceAndRefreshDownloadsItAgain() throws Exception {
        run("load " + url("/table.csv") + " label=kind as web");
        LabeledData web = Workspace.get("web");
        assertEquals(List.of("a", "b"), web.classNames());
        run("load " + url("/table.csv") + " label=kind as web");
        assertEquals(1, server.requests(), "the second load reads the cache");
        run("load " + url("/table.csv") + " label=kind refresh=true timeout=5 as web");
        assertEquals(2, server.requests(), "refresh=true downloads again");
        assertEquals(1, cacheFiles().size());
    }

    @Test
    void anHtmlErrorPageIsNotCachedAndTheFixedServerIsRead() throws Exception {
        String url = url("/html/table.csv");
        IOException e = assertThrows(IOException.class, () -> run("load " + url + " as web"));
        assertEquals("download of " + url + " failed: the server answered with an HTML page (Content-Type text/html), "
                + "not the file; nothing was cached", e.getMessage());
        assertEquals(List.of(), cacheFiles());
        assertFalse(context.bound.containsKey("web"));
        server.fix();
        run("load " + url + " as web");
        assertEquals(3, ((LabeledData) Workspace.get("web")).size());
    }

    @Test
    void aPageTheLoaderCannotReadIsNotCached() throws Exception {
        String url = url("/plain/table.csv");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> run("load " + url + " as web"));
        assertTrue(e.getMessage().endsWith("; the download from " + url + " was not kept in the cache"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
        server.fix();
        run("load " + url + " as web");
        assertEquals(3, ((LabeledData) Workspace.get("web")).size());
    }

    @Test
    void aSilentServerTimesOutAfterTheTimeoutOption() throws Exception {
        String url = url("/silent.csv");
        HttpTimeoutException e = assertTimeoutPreemptively(HANG,
                () -> assertThrows(HttpTimeoutException.class, () -> run("load " + url + " timeout=0.5 as web")));
        assertEquals(url + " sent nothing for 0.5 s; timeout=SECONDS on %dataset load, or DownloadOptions.readTimeout, "
                + "changes the limit", e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/x.csv";
        ConnectException e = assertThrows(ConnectException.class, () -> run("load " + url + " as web"));
        assertEquals("cannot reach " + url + ": connection refused", e.getMessage());
    }

    private Object run(String line) throws Exception {
        return magic.run(Arrays.asList(line.split(" ")), null, context);
    }

    private String url(String path) {
        return server.url(path);
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.toList();
        }
    }
}
