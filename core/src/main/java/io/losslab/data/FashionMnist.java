package io.losslab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): 28×28 grey images of 10 kinds of
 * clothing, 60,000 for training and 10,000 for testing, 6,000 and 1,000 per class. Pixels are
 * scaled to [0, 1]; feature {@code pixel_r_c} is row {@code r}, column {@code c}.
 *
 * <p>The files come from the Debian package {@code dataset-fashion-mnist}, from a directory that
 * holds the four IDX files (gzip-compressed or not), or from the official download.
 *
 * <pre>{@code
 * DataSplits fashion = FashionMnist.load();                       // the Debian package's files
 * DataSplits mine = FashionMnist.load(Path.of("data/fashion"));    // a directory of my own
 * DataSplits fetched = FashionMnist.download(UrlCache.defaultCache(), DownloadProgress.NONE);
 * }</pre>
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the IDX files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The command that installs the Debian package. */
    public static final String INSTALL_COMMAND = "sudo apt-get install dataset-fashion-mnist";

    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The official download location of the four files. */
    public static final URI DOWNLOAD_BASE = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /** One of the four files: its name and the MD5 the Fashion-MNIST README publishes for the download. */
    private enum IdxFile {
        TRAIN_IMAGES("train-images-idx3-ubyte", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        TRAIN_LABELS("train-labels-idx1-ubyte", "25c81989df183df01b3e8a0aad5dffbe"),
        TEST_IMAGES("t10k-images-idx3-ubyte", "bef4ecab320f06d8554ea6380940ec79"),
        TEST_LABELS("t10k-labels-idx1-ubyte", "bb300cfdad3c16e7a12a480ee83cd310");

        private final String baseName;
        private final String downloadMd5;

        IdxFile(String baseName, String downloadMd5) {
            this.baseName = baseName;
            this.downloadMd5 = downloadMd5;
        }
    }

    private static final float PIXEL_SCALE = 1f / 255f;

    private FashionMnist() {
    }

    /**
     * The training and test sets from the Debian package's directory.
     *
     * @throws DatasetNotFoundException if the package is not installed
     */
    public static DataSplits load() throws IOException {
        return load(DEBIAN_DIRECTORY);
    }

    /**
     * The training and test sets from a directory that holds {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each with or without {@code .gz}.
     *
     * @throws DatasetNotFoundException if a file is missing
     * @throws MalformedDataException if a file is damaged
     */
    public static DataSplits load(Path directory) throws IOException {
        return loadFrom(file -> find(directory, file));
    }

    /**
     * The training and test sets from the official download, fetched into {@code cache} once and
     * checked against the MD5 sums Fashion-MNIST publishes.
     */
    public static DataSplits download(UrlCache cache, DownloadProgress progress) throws IOException {
        return loadFrom(file -> cache.fetch(DOWNLOAD_BASE.resolve(file.baseName + ".gz"),
                Checksum.md5(file.downloadMd5), progress));
    }

    /** Finds or fetches one of the four files. */
    @FunctionalInterface
    private interface FileSource {
        Path path(IdxFile file) throws IOException;
    }

    private static DataSplits loadFrom(FileSource source) throws IOException {
        // Every file is located before any is read, so a missing test file is reported at once.
        Path[] paths = new Path[IdxFile.values().length];
        for (IdxFile file : IdxFile.values()) {
            paths[file.ordinal()] = source.path(file);
        }
        LabeledData train = IdxLoader.load(paths[IdxFile.TRAIN_IMAGES.ordinal()], paths[IdxFile.TRAIN_LABELS.ordinal()],
                CLASS_NAMES, PIXEL_SCALE);
        LabeledData test = IdxLoader.load(paths[IdxFile.TEST_IMAGES.ordinal()], paths[IdxFile.TEST_LABELS.ordinal()],
                CLASS_NAMES, PIXEL_SCALE);
        return DataSplits.of(named(train, "Fashion-MNIST train"), named(test, "Fashion-MNIST test"));
    }

    private static Path find(Path directory, IdxFile file) throws DatasetNotFoundException {
        for (String name : List.of(file.baseName + ".gz", file.baseName)) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new DatasetNotFoundException("Fashion-MNIST is not in " + directory + " (" + file.baseName
                + ".gz is missing): install it with `" + INSTALL_COMMAND + "`, which puts it in " + DEBIAN_DIRECTORY
                + ", or pass a directory that holds the four IDX files, or use FashionMnist.download(...).");
    }

    private static LabeledData named(LabeledData data, String name) {
        return data.withSource(name + " (" + data.source() + ")");
    }
}
