package io.losslab.bench;

import io.losslab.data.DataSplits;
import io.losslab.data.FashionMnist;
import io.losslab.data.LabeledData;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./losslab bench data}: how fast Fashion-MNIST's training and test sets load from the
 * gzip-compressed IDX files, in milliseconds and in MB/s of uncompressed data (the first load in a
 * fresh JVM, then the median of warm runs), next to the time the JDK takes merely to decompress
 * the same files; and how much heap one load needs at its peak,
 * next to the size of the pixel data as floats, to show that the pixels are held once.
 *
 * <pre>
 * java -Xmx1g -cp ... io.losslab.bench.DataBench [--dir DIRECTORY] [--runs N]
 * </pre>
 */
public final class DataBench {

    private static final int WARM_UP_RUNS = 2;
    private static final int DEFAULT_RUNS = 7;
    private static final double MEGABYTE = 1e6;
    private static final int BUFFER_BYTES = 1 << 16;

    private DataBench() {
    }

    /** A loading step to time. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Path directory = FashionMnist.DEBIAN_DIRECTORY;
        int runs = DEFAULT_RUNS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> directory = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; DataBench takes --dir DIRECTORY and --runs N");
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, but is " + runs);
        }
        run(directory, runs);
    }

    private static void run(Path dir, int runs) throws IOException {
        long coldStart = System.nanoTime();
        DataSplits loaded = FashionMnist.load(dir);
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        List<Path> files = gzipFiles(dir);
        if (files.isEmpty()) {
            throw new IOException(dir + " holds no gzip IDX files (*-ubyte.gz); DataBench times loading those");
        }
        long compressed = 0;
        for (Path file : files) {
            compressed += Files.size(file);
        }
        long uncompressed = gunzipAll(files);
        System.out.printf(Locale.ROOT, "Fashion-MNIST train + test from %s%n", dir);
        System.out.printf(Locale.ROOT, "  %d gzip IDX files, %.1f MB compressed, %.1f MB uncompressed (1 MB = 10^6 bytes)%n",
                files.size(), compressed / MEGABYTE, uncompressed / MEGABYTE);
        System.out.printf(Locale.ROOT, "  Java %s, %d processors, median of %d runs after %d warm-up runs%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs, WARM_UP_RUNS);
        System.out.printf(Locale.ROOT, "  %-26s %14.1f ms, class loading and JIT included%n", "first load in this JVM",
                coldMillis);
        report("load (FashionMnist.load)", time(() -> FashionMnist.load(dir), runs), uncompressed);
        report("gunzip only (reference)", time(() -> gunzipAll(files), runs), uncompressed);
        reportMemory(loaded, dir);
    }

    /** Run times in milliseconds, after the warm-up runs. */
    private static double[] time(Step step, int runs) throws IOException {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            step.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static void report(String label, double[] millis, long uncompressed) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        System.out.printf(Locale.ROOT, "  %-26s median %7.1f ms (min %.1f, max %.1f)  %7.1f MB/s%n", label, median,
                sorted[0], sorted[n - 1], uncompressed / MEGABYTE / (median / 1000));
    }

    /**
     * The heap's peak during one more load, above what was live before it, next to the size of
     * the pixels as floats: a second copy of the pixels would show as a peak near twice that.
     */
    private static void reportMemory(DataSplits previous, Path dir) throws IOException {
        long pixelBytes = floatBytes(previous.train()) + floatBytes(previous.test());
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        DataSplits again = FashionMnist.load(dir);
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "  pixel data as float32: %.1f MB (%d + %d images of %d pixels)%n",
                pixelBytes / MEGABYTE, again.train().size(), again.test().size(), again.train().numFeatures());
        System.out.printf(Locale.ROOT, "  heap peak during one load, above the live heap before it: %.1f MB%n",
                (peak - before) / MEGABYTE);
    }

    private static long floatBytes(LabeledData data) {
        return (long) data.size() * data.numFeatures() * Float.BYTES;
    }

    private static List<Path> gzipFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith("-ubyte.gz")).sorted().toList();
        }
    }

    /** Decompresses every file and discards the bytes; returns how many there were. */
    private static long gunzipAll(List<Path> files) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (Path file : files) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    total += read;
                }
            }
        }
        return total;
    }
}
