package io.losslab.nn;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java arrays and ND4J arrays that are contiguous in c order and start their
 * buffer (whole arrays or their leading rows). One copy costs about as much as a microsecond of memory traffic,
 * where an ND4J elementwise op on the same data costs tens to hundreds of microseconds of
 * dispatch, so the network's small elementwise work runs in Java between copies.
 */
final class Host {

    private Host() {
    }

    /** The first {@code length} values of {@code from} into {@code to}. */
    static void read(INDArray from, float[] to, int length) {
        readRange(from, to, 0, length);
    }

    /** The first {@code length} values of {@code from} into {@code to}. */
    static void write(float[] from, INDArray to, int length) {
        writeRange(from, to, 0, length);
    }

    /** Values {@code from} (inclusive) to {@code to} (exclusive) of the whole {@code array} into the same places of {@code values}. */
    static void readRange(INDArray array, float[] values, int from, int to) {
        // On a GPU backend the values may live on the device; on the CPU this does nothing.
        Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
        array.data().asNioFloat().get(from, values, from, requireStart(array, to) - from);
    }

    /** Values {@code from} (inclusive) to {@code to} (exclusive) of {@code values} into the same places of the whole {@code array}. */
    static void writeRange(float[] values, INDArray array, int from, int to) {
        array.data().asNioFloat().put(from, values, from, requireStart(array, to) - from);
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
    }

    /** A view that starts later in its buffer would need its offset, which ND4J's views do not report alike. */
    private static int requireStart(INDArray array, int length) {
        if (array.offset() != 0 || length > array.length()) {
            throw new IllegalStateException("host copies need the start of a buffer, but the array has offset "
                    + array.offset() + " and " + array.length() + " values for " + length);
        }
        return length;
    }
}
