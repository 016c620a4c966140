package io.losslab.data;

import static io.losslab.data.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The URL cache against a real HTTP server on the loopback interface, started for each test. */
class UrlCacheTest {

    /** Large enough to arrive in several buffers, so progress is reported more than once. */
    private static final byte[] PAYLOAD = randomBytes(300_000);

    @TempDir
    Path cacheDir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private UrlCache cache;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data/payload.bin", exchange -> respond(exchange, PAYLOAD, PAYLOAD.length));
        server.createContext("/data/table.csv", exchange ->
                respond(exchange, "x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8), -1));
        server.createContext("/broken.bin", this::sendHalfThenHangUp);
        server.createContext("/missing.bin", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        cache = UrlCache.in(cacheDir.resolve("cache"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
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
        assertEquals(1, requests.get(), "the second fetch is served from the cache");
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
        assertEquals(1, requests.get(), "a cached file with the right checksum is not fetched again");
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
        assertEquals(1, requests.get());
    }

    @Test
    void downloadThatFailsHalfWayLeavesNoEntry() throws Exception {
        URI uri = uri("/broken.bin");
        IOException e = assertFails(IOException.class, () -> cache.fetch(uri, DownloadProgress.NONE),
                "download of " + uri, "nothing was cached");
        assertEquals(List.of(), cacheFiles(), "no entry and no partial file after: " + e.getMessage());
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
                () -> cache.fetch(URI.create("ftp://127.0.0.1/x"), DownloadProgress.NONE), "http or https", "ftp://");
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

    private void respond(HttpExchange exchange, byte[] body, int announcedLength) throws IOException {
        requests.incrementAndGet();
        // A length of 0 makes the server send the body in chunks, with no Content-Length.
        exchange.sendResponseHeaders(200, announcedLength < 0 ? 0 : announcedLength);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Announces the whole payload, sends half of it, and closes the connection. */
    private void sendHalfThenHangUp(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.sendResponseHeaders(200, PAYLOAD.length);
        OutputStream out = exchange.getResponseBody();
        out.write(PAYLOAD, 0, PAYLOAD.length / 2);
        out.flush();
        exchange.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
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
