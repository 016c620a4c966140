package io.losslab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A directory of downloaded files, each fetched once over HTTP(S) and then read from disk. Any
 * loader reads the returned path.
 *
 * <p>A download is written to a temporary file in the cache directory and moved into place only
 * once it is complete: its length agrees with the {@code Content-Length} the server announced, the
 * body was not cut off, and its checksum, if one is given, matches. An error status, or an HTML
 * page where another file was asked for (a server's error page sent as 200), is refused. A
 * download that fails, times out or is interrupted leaves no cache entry and no temporary file
 * behind, so the next call downloads again. {@link #load} goes one step further and keeps a new
 * download only if its loader can read it.
 *
 * <p>{@link DownloadOptions} set the connect and read timeouts and ask for a refresh, which
 * downloads a file again although the cache has it.
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

    private static final int KEY_HEX_DIGITS = 16;
    private static final int MAX_NAME_CHARS = 100;
    private static final String PART_SUFFIX = ".part";

    /** A temporary file this old is left over from a process that was killed while it downloaded. */
    private static final Duration STALE_PART_AGE = Duration.ofDays(1);

    private final Path directory;

    private UrlCache(Path directory) {
        this.directory = directory;
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

    /** The file at {@code uri}, downloaded with the default options unless the cache has it already. */
    public Path fetch(URI uri, DownloadProgress progress) throws IOException {
        return fetch(uri, Optional.empty(), DownloadOptions.defaults(), progress);
    }

    /** The file at {@code uri}, downloaded unless the cache has it already and {@code options} ask for no refresh. */
    public Path fetch(URI uri, DownloadOptions options, DownloadProgress progress) throws IOException {
        return fetch(uri, Optional.empty(), options, progress);
    }

    /**
     * The file at {@code uri}, downloaded with the default options unless the cache has it with the
     * right checksum; a cached copy with another checksum is downloaded again.
     *
     * @throws IOException if the download fails or its checksum differs; nothing is cached then
     */
    public Path fetch(URI uri, Checksum checksum, DownloadProgress progress) throws IOException {
        return fetch(uri, Optional.of(checksum), DownloadOptions.defaults(), progress);
    }

    /**
     * The file at {@code uri}, downloaded unless the cache has it with the right checksum and
     * {@code options} ask for no refresh; a cached copy with another checksum is downloaded again.
     *
     * @throws IOException if the download fails or its checksum differs; nothing is cached then
     */
    public Path fetch(URI uri, Checksum checksum, DownloadOptions options, DownloadProgress progress)
            throws IOException {
        return fetch(uri, Optional.of(checksum), options, progress);
    }

    /**
     * The file at {@code uri} as {@code loader} reads it, downloaded unless the cache has it and
     * {@code options} ask for no refresh. A file just downloaded stays in the cache only if
     * {@code loader} reads it, so an error page or a damaged file is never kept and the next call
     * downloads again; that holds for a refresh too, which has replaced the old copy by then.
     *
     * <pre>{@code
     * LabeledData data = cache.load(uri, DownloadOptions.defaults(), DownloadProgress.NONE, CsvLoader.csv()::load);
     * }</pre>
     *
     * @throws MalformedDataException if {@code loader} cannot read the file; the message says
     *     whether the file was a cached copy, and how to download it again
     */
    public <T> T load(URI uri, DownloadOptions options, DownloadProgress progress, FileLoader<T> loader)
            throws IOException {
        boolean cached = isCached(uri, Optional.empty(), options);
        Path file = cached ? entry(uri) : download(uri, Optional.empty(), options, progress);
        boolean loaded = false;
        try {
            T value = loader.load(file);
            loaded = true;
            return value;
        } catch (MalformedDataException e) {
            throw new MalformedDataException(e.getMessage() + (cached
                    ? "; that is the cached copy of " + uri + ", which refresh=true (DownloadOptions.refresh) downloads again"
                    : "; the download from " + uri + " was not kept in the cache"), e);
        } finally {
            if (!cached && !loaded) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Reads a downloaded file into what the caller wants of it; a loader such as
     * {@code CsvLoader.csv()::load} is one.
     *
     * @param <T> what the file is read into
     */
    @FunctionalInterface
    public interface FileLoader<T> {

        /** Reads {@code file}, or fails if it is not what was expected. */
        T load(Path file) throws IOException;
    }

    private Path fetch(URI uri, Optional<Checksum> checksum, DownloadOptions options, DownloadProgress progress)
            throws IOException {
        return isCached(uri, checksum, options) ? entry(uri) : download(uri, checksum, options, progress);
    }

    /** Whether the cache has a copy of {@code uri} that may be used as it is. */
    private boolean isCached(URI uri, Optional<Checksum> checksum, DownloadOptions options) throws IOException {
        requireHttp(uri);
        Path target = entry(uri);
        return !options.refresh() && Files.isRegularFile(target)
                && (checksum.isEmpty() || checksum.get().matches(target));
    }

    private static void requireHttp(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(uri + ": only http and https URLs can be downloaded");
        }
    }

    /**
     * Downloads {@code uri} into a temporary file in the cache directory and moves it into place
     * once it is complete and its checksum matches; on any failure the temporary file is deleted.
     */
    private Path download(URI uri, Optional<Checksum> checksum, DownloadOptions options, DownloadProgress progress)
            throws IOException {
        Path target = entry(uri);
        Files.createDirectories(directory);
        deleteStaleParts();
        Path partial = Files.createTempFile(directory, target.getFileName().toString() + ".", PART_SUFFIX);
        try {
            Optional<MessageDigest> digest = checksum.map(Checksum::newDigest);
            try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                new HttpDownload(uri, options, progress).into(file, digest);
            }
            if (checksum.isPresent()) {
                requireMatch(uri, checksum.get(), digest.get().digest());
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void requireMatch(URI uri, Checksum checksum, byte[] actual) throws IOException {
        if (!checksum.matches(actual)) {
            throw new IOException("download of " + uri + " has " + checksum.algorithm() + " "
                    + HexFormat.of().formatHex(actual) + " but " + checksum.hex() + " was expected; it was discarded");
        }
    }

    /** Deletes the temporary files of downloads that a killed process left behind long ago. */
    private void deleteStaleParts() throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(STALE_PART_AGE));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "*" + PART_SUFFIX)) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(before) < 0) {
                    Files.deleteIfExists(part);
                }
            }
        }
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
