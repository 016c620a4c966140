package io.losslab.bench;

/** The size of one benchmark's logit matrix: N examples by K classes, in float32. */
record Shape(int rows, int columns) {

    private static final int FLOAT32_BYTES = 4;

    /** The shape's name on the command line of the Python peer and in its JSON, e.g. {@code 65536x100}. */
    String key() {
        return rows + "x" + columns;
    }

    /** The bytes of one float32 matrix of this shape. */
    long bytes() {
        return (long) FLOAT32_BYTES * rows * columns;
    }

    @Override
    public String toString() {
        return rows + "×" + columns;
    }
}
