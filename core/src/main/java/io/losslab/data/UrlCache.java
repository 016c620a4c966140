package io.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A directory of downloaded files, each fetched once over HTTP(S) and then read from disk. Any
 * loader reads the returned path.
 *
 * <p>A download is written to a temporary file in the cache directory and moved into place only
 * once it is complete and its checksum, if one is given, matches: an interrupted or failed
 * download leaves no cache entry behind, so the next call downloads again.
 *
 * <p>The default directory is {@code losslab} in the user's cache directory
 * ({@code $XDG_CACHE_HOME} or {@code ~/.cache} on Linux, {@code ~/Library/Caches} on macOS,
 * {@code %LOCALAPPDATA%} on Windows), unless the system property {@code losslab.cache.dir} or the
 * environment variable {@code LOSSLAB_CACHE_DIR} names another.
 *
 * <pre>{@code
 * UrlCache cache = UrlCache.defaultCache();
 * Path file = cache.fetch(URI.create("https://example.org/data.csv"), Checksum.sha256(hex), DownloadProgress.NONE);
 * LabeledData data = CsvLoader.csv().load(file);
 * }</pre>
 */
public final class UrlCache {

    /** The system property that sets the default cache directory. */
    public static final String DIRECTORY_PROPERTY = "losslab.cache.dir";

    /** The environment variable that sets the default cache directory, if the property does not. */
    public static final String DIRECTORY_VARIABLE = "LOSSLAB_CACHE_DIR";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int KEY_HEX_DIGITS = 16;
    private static final int MAX_NAME_CHARS = 100;

    private final Path directory;
    private final HttpClient client;

    private UrlCache(Path directory) {
        this.directory = directory;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The cache in the default directory; it is created on the first download. */
    public static UrlCache defaultCache() {
        return in(defaultDirectory(System::getProperty, System::getenv, System.getProperty("os.name"),
                Path.of(System.getProperty("user.home"))));
    }

    /** A cache in {@code directory}; it is created on the first download. */
    public static UrlCache in(Path directory) {
        return new UrlCache(directory.toAbsolutePath());
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Where the download of {@code uri} is kept: a name made of a hash of the whole URI (so two
     * URIs never share an entry) and the URI's file name (so a person can tell the entries apart).
     */
    public Path entry(URI uri) {
        byte[] hash = Checksum.digest("SHA-256").digest(uri.toString().getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(hash).substring(0, KEY_HEX_DIGITS);
        return directory.resolve(key + "-" + fileName(uri));
    }

    /** The file at {@code uri}, downloaded unless the cache has it already. */
    public Path fetch(URI uri, DownloadProgress progress) throws IOException {
        return fetch(uri, Optional.empty(), progress);
    }

    /**
     * The file at {@code uri}, downloaded unless the cache has it with the right checksum; a cached
     * copy with another checksum is downloaded again.
     *
     * @throws IOException if the download fails or its checksum differs; nothing is cached then
     */
    public Path fetch(URI uri, Checksum checksum, DownloadProgress progress) throws IOException {
        return fetch(uri, Optional.of(checksum), progress);
    }

    private Path fetch(URI uri, Optional<Checksum> checksum, DownloadProgress progress) throws IOException {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri must be http or https, but is " + uri);
        }
        Path target = entry(uri);
        if (Files.isRegularFile(target) && (checksum.isEmpty() || checksum.get().matches(target))) {
            return target;
        }
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, target.getFileName().toString() + ".", ".part");
        try {
            download(uri, partial, checksum, progress);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void download(URI uri, Path partial, Optional<Checksum> checksum, DownloadProgress progress)
            throws IOException {
        HttpResponse<InputStream> response = send(uri);
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        MessageDigest digest = checksum.map(Checksum::newDigest).orElse(null);
        long received;
        try (InputStream body = response.body();
                OutputStream file = Files.newOutputStream(partial);
                OutputStream out = digest == null ? file : new DigestOutputStream(file, digest)) {
            received = copy(uri, body, out, announced, progress);
        }
        if (announced >= 0 && received != announced) {
            throw new IOException("download of " + uri + " stopped after " + received + " of " + announced
                    + " bytes; nothing was cached");
        }
        if (checksum.isPresent()) {
            byte[] actual = digest.digest();
            if (!checksum.get().matches(actual)) {
                throw new IOException("download of " + uri + " has " + checksum.get().algorithm() + " "
                        + HexFormat.of().formatHex(actual) + " but " + checksum.get().hex()
                        + " was expected; it was discarded");
            }
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + uri + " was interrupted; nothing was cached");
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("download of " + uri + " failed: the server answered HTTP " + response.statusCode());
        }
        return response;
    }

    /** Copies the body, reporting progress after every buffer, and returns the bytes received. */
    private static long copy(URI uri, InputStream body, OutputStream out, long announced, DownloadProgress progress)
            throws IOException {
        byte[] buffer = new byte[Inputs.BUFFER_BYTES];
        long received = 0;
        progress.update(uri, 0, announced);
        try {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                out.write(buffer, 0, read);
                received += read;
                progress.update(uri, received, announced);
                // A notebook interrupts a cell by interrupting its thread; a blocking read does not notice.
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("download of " + uri + " was interrupted; nothing was cached");
                }
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("download of " + uri + " failed after " + received + " bytes ("
                    + e.getMessage() + "); nothing was cached", e);
        }
        return received;
    }

    /** The URI's last path segment, reduced to characters that are safe in a file name anywhere. */
    private static String fileName(URI uri) {
        String path = String.valueOf(uri.getPath());
        String last = path.substring(path.lastIndexOf('/') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            return "download";
        }
        return safe.length() <= MAX_NAME_CHARS ? safe : safe.substring(safe.length() - MAX_NAME_CHARS);
    }

    /**
     * The default cache directory, from the property, the environment variable, or the operating
     * system's convention.
     */
    static Path defaultDirectory(UnaryOperator<String> properties, UnaryOperator<String> environment, String osName,
            Path home) {
        String configured = properties.apply(DIRECTORY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = environment.apply(DIRECTORY_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String os = String.valueOf(osName).toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = environment.apply("LOCALAPPDATA");
            Path base = localAppData != null ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("losslab").resolve("cache");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Caches").resolve("losslab");
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("losslab");
    }
}
