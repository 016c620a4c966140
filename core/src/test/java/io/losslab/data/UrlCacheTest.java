package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The URL cache against a real HTTP server on the loopback interface, started for each test. */
class UrlCacheTest {

    /** Large enough to arrive in several buffers, so progress is reported more than once. */
    private static final byte[] PAYLOAD = randomBytes(300_000);

    private static final String TABLE = "x,y\n1,a\n2,b\n";

    /** What a server sends, with status 200, when the file it should send is not there. */
    private static final String ERROR_PAGE = "<!DOCTYPE html>\n<html><head><title>Sorry</title></head>\n"
            + "<body><p>This file is being moved.</p></body></html>\n";

    /** Long enough that a test which waits for it has hung, short enough to end the test run. */
    private static final Duration HANG = Duration.ofSeconds(20);

    /** A read timeout short enough for a test. */
    private static final DownloadOptions QUICK = DownloadOptions.newBuilder().readTimeout(Duration.ofMillis(500)).build();

    /** A read timeout no test waits for: the download must end for another reason. */
    private static final DownloadOptions PATIENT = DownloadOptions.newBuilder().readTimeout(HANG.multipliedBy(3)).build();

    @TempDir
    Path cacheDir;

    private LoopbackHttpServer server;
    /** Counted down when a stalled handler has sent what it sends. */
    private final CountDownLatch stalled = new CountDownLatch(1);
    private UrlCache cache;

    @BeforeEach
    void startServer() throws IOException {
        byte[] table = TABLE.getBytes(StandardCharsets.UTF_8);
        byte[] errorPage = ERROR_PAGE.getBytes(StandardCharsets.UTF_8);
        server = LoopbackHttpServer.create();
        server.serve("/data/payload.bin", exchange -> LoopbackHttpServer.respond(exchange, null, PAYLOAD, PAYLOAD.length))
                .serve("/data/table.csv", exchange -> LoopbackHttpServer.respond(exchange, null, table, -1))
                .serve("/broken.bin", this::sendHalfThenHangUp)
                .serve("/cut.csv", this::sendHalfUnannouncedThenHangUp)
                .serve("/silent.csv", exchange -> stall(exchange, false))
                .serve("/stops.csv", exchange -> stall(exchange, true))
                .serve("/flaky/table.csv", server.flaky("text/html; charset=utf-8", errorPage, null, table))
                .serve("/plain/table.csv", server.flaky("text/plain", errorPage, null, table))
                .serve("/missing.bin", exchange -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                })
                .start();
        cache = UrlCache.in(cacheDir.resolve("cache"));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        assertTrue(server.stop(HANG), "the server's handlers ended");
    }

    @Test
    void downloadsOnceAndReportsProgress() throws Exception {
        List<long[]> progress = new ArrayList<>();
        URI uri = uri("/data/payload.bin");
        Path file = cache.fetch(uri, (u, received, total) -> progress.add(new long[] {received, total}));
        assertArrayEquals(PAYLOAD, Files.readAllBytes(file));
        assertEquals(cache.entry(uri), file);
        assertTrue(file.getFileName().toString().endsWith("-payload.bin"), file.toString());
        assertTrue(progress.size() > 2, "progress after every buffer, got " + progress.size() + " reports");
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(PAYLOAD.length, progress.get(i)[1], "the announced size");
            assertTrue(i == 0 || progress.get(i)[0] >= progress.get(i - 1)[0], "progress never goes back");
        }
        assertEquals(PAYLOAD.length, progress.get(progress.size() - 1)[0]);

        Path again = cache.fetch(uri, DownloadProgress.NONE);
        assertEquals(file, again);
        assertEquals(1, server.requests(), "the second fetch is served from the cache");
    }

    @Test
    void chunkedDownloadFeedsALoader() throws Exception {
        Path file = cache.fetch(uri("/data/table.csv"), DownloadProgress.NONE);
        LabeledData data = CsvLoader.csv().load(file);
        assertEquals(List.of("a", "b"), data.classNames());
    }

    @Test
    void checksumThatMatches() throws Exception {
        Checksum sha = Checksum.sha256(hex("SHA-256", PAYLOAD));
        Path file = cache.fetch(uri("/data/payload.bin"), sha, DownloadProgress.NONE);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(file));
        Checksum md5 = Checksum.md5(hex("MD5", PAYLOAD).toUpperCase());
        assertEquals(file, cache.fetch(uri("/data/payload.bin"), md5, DownloadProgress.NONE));
        assertEquals(1, server.requests(), "a cached file with the right checksum is not fetched again");
    }

    @Test
    void checksumMismatchLeavesNoEntry() throws Exception {
        String wrong = "0".repeat(64);
        URI uri = uri("/data/payload.bin");
        assertFails(IOException.class, () -> cache.fetch(uri, Checksum.sha256(wrong), DownloadProgress.NONE),
                "has SHA-256 " + hex("SHA-256", PAYLOAD), "but " + wrong + " was expected", "discarded");
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void cachedFileWithAnotherChecksumIsFetchedAgain() throws Exception {
        URI uri = uri("/data/payload.bin");
        Files.createDirectories(cache.directory());
        Files.writeString(cache.entry(uri), "stale");
        Path file = cache.fetch(uri, Checksum.sha256(hex("SHA-256", PAYLOAD)), DownloadProgress.NONE);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(file));
        assertEquals(1, server.requests());
    }

    @Test
    void downloadThatFailsHalfWayLeavesNoEntry() throws Exception {
        URI uri = uri("/broken.bin");
        IOException e = assertFails(IOException.class, () -> cache.fetch(uri, DownloadProgress.NONE),
                "download of " + uri, "nothing was cached");
        assertEquals(List.of(), cacheFiles(), "no entry and no partial file after: " + e.getMessage());
    }

    @Test
    void aDownloadRemovesTemporaryFilesThatAKilledProcessLeftLongAgo() throws Exception {
        Files.createDirectories(cache.directory());
        Path old = Files.writeString(cache.directory().resolve("abc-table.csv.123.part"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(cache.directory().resolve("abc-table.csv.456.part"), "still downloading");
        Path file = cache.fetch(uri("/data/table.csv"), DownloadProgress.NONE);
        assertEquals(Stream.of(file, recent).sorted().toList(), cacheFiles().stream().sorted().toList(),
                "another process may still be writing the recent one");
    }

    @Test
    void httpErrorStatus() throws Exception {
        URI uri = uri("/missing.bin");
        assertFails(IOException.class, () -> cache.fetch(uri, DownloadProgress.NONE), "HTTP 404");
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void entriesOfDifferentUrisDiffer() {
        Path a = cache.entry(URI.create("https://a.example/x/data.csv"));
        Path b = cache.entry(URI.create("https://b.example/x/data.csv"));
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().endsWith("-data.csv"));
        assertTrue(cache.entry(URI.create("https://a.example/")).getFileName().toString().endsWith("-download"));
        assertTrue(cache.entry(URI.create("https://a.example/a%20b?.csv")).getFileName().toString().endsWith("-a_b"));
    }

    @Test
    void onlyHttp() {
        assertFails(IllegalArgumentException.class,
                () -> cache.fetch(URI.create("ftp://127.0.0.1/x.csv"), DownloadProgress.NONE),
                "ftp://127.0.0.1/x.csv: only http and https URLs can be downloaded");
    }

    @Test
    void aServerThatSendsNothingTimesOutAndSaysWhichOptionChangesTheLimit() throws Exception {
        URI uri = uri("/silent.csv");
        HttpTimeoutException e = assertTimeoutPreemptively(HANG, () -> assertFails(HttpTimeoutException.class,
                () -> cache.fetch(uri, QUICK, DownloadProgress.NONE), uri + " sent nothing for 0.5 s; timeout="));
        assertEquals(List.of(), cacheFiles(), e.getMessage());
    }

    @Test
    void aServerThatStopsSendingTimesOutAndNothingIsCached() throws Exception {
        URI uri = uri("/stops.csv");
        HttpTimeoutException e = assertTimeoutPreemptively(HANG, () -> assertFails(HttpTimeoutException.class,
                () -> cache.fetch(uri, QUICK, DownloadProgress.NONE),
                uri + " sent nothing for 0.5 s after 8 bytes, which were not cached; timeout="));
        assertEquals(List.of(), cacheFiles(), e.getMessage());
    }

    @Test
    void anInterruptEndsADownloadThatWaitsForTheBody() throws Exception {
        assertInterruptEnds(uri("/stops.csv"));
    }

    @Test
    void anInterruptEndsADownloadThatWaitsForTheAnswer() throws Exception {
        assertInterruptEnds(uri("/silent.csv"));
    }

    @Test
    void aBodyCutShortWithoutALengthIsNotCached() throws Exception {
        URI uri = uri("/cut.csv");
        IOException e = assertFails(IOException.class, () -> cache.fetch(uri, PATIENT, DownloadProgress.NONE),
                "download of " + uri + " stopped after ", "bytes, before the body's end (", "nothing was cached");
        assertEquals(List.of(), cacheFiles(), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsContentLengthIsNotCached() throws Exception {
        URI uri = uri("/broken.bin");
        IOException e = assertFails(IOException.class, () -> cache.fetch(uri, PATIENT, DownloadProgress.NONE),
                "download of " + uri + " stopped after ", " of " + PAYLOAD.length + " bytes (", "nothing was cached");
        assertFalse(e.getMessage().contains("\n"), "one sentence: " + e.getMessage());
        assertEquals(List.of(), cacheFiles(), e.getMessage());
    }

    @Test
    void anHtmlPageForACsvIsRefusedAndTheFixedServerIsDownloaded() throws Exception {
        URI uri = uri("/flaky/table.csv");
        assertFails(IOException.class, () -> cache.load(uri, PATIENT, DownloadProgress.NONE, CsvLoader.csv()::load),
                "download of " + uri + " failed: the server answered with an HTML page (Content-Type text/html; "
                        + "charset=utf-8), not the file; nothing was cached");
        assertEquals(List.of(), cacheFiles());
        server.fix();
        LabeledData data = cache.load(uri, PATIENT, DownloadProgress.NONE, CsvLoader.csv()::load);
        assertEquals(List.of("a", "b"), data.classNames());
    }

    @Test
    void aDownloadItsLoaderCannotReadIsNotKept() throws Exception {
        URI uri = uri("/plain/table.csv");
        MalformedDataException e = assertFails(MalformedDataException.class,
                () -> cache.load(uri, PATIENT, DownloadProgress.NONE, CsvLoader.csv()::load),
                cache.entry(uri).toString(), "the download from " + uri + " was not kept in the cache");
        assertEquals(List.of(), cacheFiles(), e.getMessage());
        server.fix();
        assertEquals(2, cache.load(uri, PATIENT, DownloadProgress.NONE, CsvLoader.csv()::load).size());
        assertEquals(List.of(cache.entry(uri)), cacheFiles());
        assertEquals(2, server.requests());
    }

    @Test
    void aBadCachedCopySaysHowToRefreshItAndRefreshReplacesIt() throws Exception {
        URI uri = uri("/plain/table.csv");
        Files.createDirectories(cache.directory());
        Files.writeString(cache.entry(uri), ERROR_PAGE);
        assertFails(MalformedDataException.class,
                () -> cache.load(uri, PATIENT, DownloadProgress.NONE, CsvLoader.csv()::load),
                "that is the cached copy of " + uri + ", which refresh=true (DownloadOptions.refresh) downloads again");
        assertEquals(0, server.requests(), "a cached copy is read without asking the server");
        assertTrue(Files.exists(cache.entry(uri)), "a cached copy stays; only a refresh replaces it");

        server.fix();
        DownloadOptions refresh = DownloadOptions.newBuilder().refresh(true).build();
        assertEquals(2, cache.load(uri, refresh, DownloadProgress.NONE, CsvLoader.csv()::load).size());
        assertEquals(TABLE, Files.readString(cache.entry(uri)));
        assertEquals(1, server.requests());
    }

    @Test
    void refreshDownloadsACachedFileAgain() throws Exception {
        URI uri = uri("/data/payload.bin");
        cache.fetch(uri, DownloadProgress.NONE);
        Files.writeString(cache.entry(uri), "changed since");
        cache.fetch(uri, DownloadOptions.defaults(), DownloadProgress.NONE);
        assertEquals("changed since", Files.readString(cache.entry(uri)), "without refresh the cached copy is used");
        Path file = cache.fetch(uri, DownloadOptions.newBuilder().refresh(true).build(), DownloadProgress.NONE);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(file));
        assertEquals(2, server.requests());
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/x.csv");
        ConnectException e = assertFails(ConnectException.class, () -> cache.fetch(uri, QUICK, DownloadProgress.NONE));
        assertEquals("cannot reach " + uri + ": connection refused", e.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        URI uri = URI.create("http://nosuch.invalid/x.csv");
        UnknownHostException e = assertFails(UnknownHostException.class, () -> cache.fetch(uri, QUICK, DownloadProgress.NONE));
        assertEquals("unknown host nosuch.invalid in " + uri, e.getMessage());
    }

    @Test
    void optionsHaveDefaultsAndRefuseTimeoutsThatAreNotPositive() {
        DownloadOptions defaults = DownloadOptions.defaults();
        assertEquals(Duration.ofSeconds(30), defaults.readTimeout());
        assertEquals(Duration.ofSeconds(10), defaults.connectTimeout());
        assertFalse(defaults.refresh());
        assertEquals(Duration.ofMillis(500), QUICK.connectTimeout(), "the connect timeout is at most the read timeout");
        assertEquals(Duration.ofSeconds(3),
                DownloadOptions.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().connectTimeout());
        assertFails(IllegalArgumentException.class, () -> DownloadOptions.newBuilder().readTimeout(Duration.ZERO),
                "readTimeout must be a positive duration, but is PT0S");
        assertFails(IllegalArgumentException.class,
                () -> DownloadOptions.newBuilder().connectTimeout(Duration.ofSeconds(-1)),
                "connectTimeout must be a positive duration, but is PT-1S");
    }

    @Test
    void defaultDirectory() {
        Path home = Path.of("/home/ada");
        Map<String, String> none = Map.of();
        assertEquals(home.resolve(".cache/losslab"), UrlCache.defaultDirectory(none::get, none::get, "Linux", home));
        Map<String, String> xdg = Map.of("XDG_CACHE_HOME", "/var/cache/ada");
        assertEquals(Path.of("/var/cache/ada/losslab"), UrlCache.defaultDirectory(none::get, xdg::get, "Linux", home));
        assertEquals(home.resolve("Library/Caches/losslab"), UrlCache.defaultDirectory(none::get, none::get, "Mac OS X", home));
        Map<String, String> variable = Map.of(UrlCache.DIRECTORY_VARIABLE, "/data/cache");
        assertEquals(Path.of("/data/cache"), UrlCache.defaultDirectory(none::get, variable::get, "Linux", home));
        Map<String, String> property = Map.of(UrlCache.DIRECTORY_PROPERTY, "/srv/cache");
        assertEquals(Path.of("/srv/cache"), UrlCache.defaultDirectory(property::get, variable::get, "Linux", home),
                "the property wins over the variable");
    }

    @Test
    void badChecksums() {
        assertFails(IllegalArgumentException.class, () -> Checksum.sha256("abc"), "64 hexadecimal digits", "'abc'");
        assertFails(IllegalArgumentException.class, () -> Checksum.md5("z".repeat(32)), "32 hexadecimal digits");
        assertFails(IllegalArgumentException.class, () -> new Checksum("SHA-1", "0".repeat(40)), "SHA-256 or MD5");
    }

    /** Announces the whole payload, sends half of it, and closes the connection. */
    private void sendHalfThenHangUp(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, PAYLOAD.length);
        OutputStream out = exchange.getResponseBody();
        out.write(PAYLOAD, 0, PAYLOAD.length / 2);
        out.flush();
        exchange.close();
    }

    /** Sends nothing, or headers and a few bytes, then waits until the test ends. */
    private void stall(HttpExchange exchange, boolean sendSome) throws IOException {
        if (sendSome) {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("x,y\n1,a\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        }
        stalled.countDown();
        server.stallUntilStopped(exchange);
    }

    /**
     * Sends half the payload in chunks, with no length announced, and fails: the server then
     * closes the connection without the last, empty chunk that ends a chunked body.
     */
    private void sendHalfUnannouncedThenHangUp(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(PAYLOAD, 0, PAYLOAD.length / 2);
        out.flush();
        throw new IOException("the handler fails half-way");
    }

    /**
     * Interrupts a download once the server has stalled; the download must end at once, with
     * nothing cached, however long its read timeout.
     */
    private void assertInterruptEnds(URI uri) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread downloader = new Thread(() -> {
            try {
                cache.fetch(uri, PATIENT, DownloadProgress.NONE);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        downloader.start();
        assertTrue(stalled.await(HANG.toSeconds(), TimeUnit.SECONDS), "the server stalled");
        downloader.interrupt();
        downloader.join(HANG.toMillis());
        assertFalse(downloader.isAlive(), "the interrupted download is still running");
        InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, failure.get());
        assertTrue(e.getMessage().startsWith("download of " + uri + " was interrupted after "), e.getMessage());
        assertEquals(List.of(), cacheFiles(), "nothing cached, no temporary file");
    }

    private URI uri(String path) {
        return URI.create(server.url(path));
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cache.directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache.directory())) {
            return files.toList();
        }
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(5).nextBytes(bytes);
        return bytes;
    }
}
