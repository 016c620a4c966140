package io.losslab.data;

import java.util.Locale;

/**
 * What a loader checks before it allocates: a file of a few bytes can announce (an IDX header)
 * or imply (a LibSVM feature index) arrays of gigabytes, and allocating them would grow the heap
 * to its limit and then fail with no word about the file.
 */
final class MemoryBudget {

    /** The longest array a JVM reliably allocates: a few elements short of {@code Integer.MAX_VALUE}. */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * A lower bound on what a generated column name such as {@code f123} or {@code pixel_01_02}
     * costs: the String, its bytes, and its slots in the name list and in the duplicate check.
     */
    private static final long BYTES_PER_COLUMN_NAME = 64;

    private static final long MEGABYTE = 1 << 20;

    private MemoryBudget() {
    }

    /**
     * Checks that a {@code rows × columns} float matrix with a name per column fits in one array
     * and in the memory the JVM can still get.
     *
     * @param source the file, for the message
     * @param what   what calls for the matrix, e.g. "feature index 100000000 implies a 2×100000000 float matrix"
     * @throws MalformedDataException naming the file, {@code what} and the memory needed if it does not fit
     */
    static void requireFloatMatrix(String source, String what, long rows, long columns) throws MalformedDataException {
        if (columns > MAX_ARRAY_LENGTH || rows * columns > MAX_ARRAY_LENGTH) {
            throw new MalformedDataException(source + ": " + what + ", more values than one Java array holds");
        }
        require(source, what, rows * columns * Float.BYTES + columns * BYTES_PER_COLUMN_NAME);
    }

    /**
     * Checks that {@code bytes} more fit in the memory the JVM can still get: its limit
     * ({@code -Xmx}) less what is in use.
     *
     * @throws MalformedDataException naming the file, {@code what} and the memory needed if they do not
     */
    static void require(String source, String what, long bytes) throws MalformedDataException {
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > available) {
            throw new MalformedDataException(String.format(Locale.ROOT,
                    "%s: %s, which needs %,d MB, but the JVM can get only %,d MB more (its -Xmx limit less what is in use)",
                    source, what, megabytesRoundedUp(bytes), available / MEGABYTE));
        }
    }

    private static long megabytesRoundedUp(long bytes) {
        return (bytes + MEGABYTE - 1) / MEGABYTE;
    }
}
