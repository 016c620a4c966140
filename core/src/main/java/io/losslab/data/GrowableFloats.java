package io.losslab.data;

import java.util.Arrays;

/** A float array that grows as rows of unknown number are read, for the text loaders. */
final class GrowableFloats {

    private float[] values = new float[1024];
    private int size;

    void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.multiplyExact(values.length, 2));
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The values added, in an array of exactly that length. */
    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
