package io.losslab.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads an images file and a labels file in the IDX format of MNIST and Fashion-MNIST
 * (unsigned bytes, big-endian dimension sizes), gzip-compressed or not.
 *
 * <p>The pixels go straight from the (decompressing) stream into the float array of the feature
 * matrix, a buffer at a time: the pixel data is held in memory once. The header is checked against
 * the data: a file whose data is shorter or longer than its header says, or a truncated gzip
 * stream, is an error.
 *
 * <pre>{@code
 * LabeledData mnist = IdxLoader.load(Path.of("train-images-idx3-ubyte.gz"),
 *         Path.of("train-labels-idx1-ubyte.gz"));          // pixels 0..255, classes "0".."9"
 * }</pre>
 */
public final class IdxLoader {

    /** The IDX type code of unsigned bytes, the only type MNIST-format files use. */
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxLoader() {
    }

    /**
     * Images and labels as they are stored: pixel values 0 to 255, classes named by their number
     * from "0" to the largest label.
     *
     * @throws MalformedDataException if a file is not IDX, its header disagrees with its data, the
     *     files disagree on the number of examples, or a gzip stream is damaged
     */
    public static LabeledData load(Path images, Path labels) throws IOException {
        int[] labelValues = readLabels(labels);
        int numClasses = Arrays.stream(labelValues).max().orElse(0) + 1;
        List<String> names = IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
        return load(images, labels, labelValues, names, 1f);
    }

    /**
     * Images scaled by {@code pixelScale} (e.g. {@code 1 / 255f} for values in [0, 1]) and labels
     * that index {@code classNames}.
     *
     * @throws MalformedDataException as {@link #load(Path, Path)}, or if a label is not an index
     *     into {@code classNames}
     */
    public static LabeledData load(Path images, Path labels, List<String> classNames, float pixelScale)
            throws IOException {
        if (!(pixelScale > 0) || Float.isInfinite(pixelScale)) {
            throw new IllegalArgumentException("pixelScale must be a positive finite number, but is " + pixelScale);
        }
        return load(images, labels, readLabels(labels), classNames, pixelScale);
    }

    private static LabeledData load(Path images, Path labels, int[] labelValues, List<String> classNames,
            float pixelScale) throws IOException {
        for (int i = 0; i < labelValues.length; i++) {
            if (labelValues[i] >= classNames.size()) {
                throw new MalformedDataException(labels + ": label " + labelValues[i] + " of example " + i
                        + " is outside the " + classNames.size() + " classes " + classNames);
            }
        }
        FeatureMatrix features = readImages(images, pixelScale);
        if (features.numRows() != labelValues.length) {
            throw new MalformedDataException(images + " has " + features.numRows() + " images but " + labels
                    + " has " + labelValues.length + " labels");
        }
        return LabeledData.create(features, labelValues, classNames, images.getFileName() + " with "
                + labels.getFileName());
    }

    /** The labels of a rank-1 IDX file. */
    private static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Inputs.open(file))) {
            int[] dimensions = readHeader(in, file);
            if (dimensions.length != 1) {
                throw new MalformedDataException(file + " has " + shape(dimensions)
                        + " entries, but a labels file is one-dimensional");
            }
            MemoryBudget.require(file.toString(), "its header announces " + dimensions[0] + " labels",
                    (long) dimensions[0] * Integer.BYTES);
            int[] labels = new int[dimensions[0]];
            readData(in, file, dimensions, labels.length, (chunk, length, offset) -> {
                for (int b = 0; b < length; b++) {
                    labels[offset + b] = chunk[b] & 0xFF;
                }
            });
            return labels;
        }
    }

    /** The images of an IDX file of rank 2 or more, one row per image, each pixel times {@code scale}. */
    private static FeatureMatrix readImages(Path file, float scale) throws IOException {
        try (DataInputStream in = new DataInputStream(Inputs.open(file))) {
            int[] dimensions = readHeader(in, file);
            if (dimensions.length < 2) {
                throw new MalformedDataException(file + " has " + shape(dimensions)
                        + " entries, but an images file needs a dimension for the examples and one or more for the pixels");
            }
            long pixels = pixelsPerImage(dimensions);
            MemoryBudget.requireFloatMatrix(file.toString(), "its header announces " + shape(dimensions) + " pixels",
                    dimensions[0], pixels);
            float[] pixelValue = new float[256];
            for (int v = 0; v < pixelValue.length; v++) {
                pixelValue[v] = v * scale;
            }
            float[] values = new float[(int) elementCount(dimensions, file)];
            readData(in, file, dimensions, values.length, (chunk, length, offset) -> {
                for (int b = 0; b < length; b++) {
                    values[offset + b] = pixelValue[chunk[b] & 0xFF];
                }
            });
            List<String> names = pixelNames(dimensions);
            return new FeatureMatrix(values, dimensions[0], names.size(), names);
        }
    }

    /** Reads the magic number and the dimension sizes. */
    private static int[] readHeader(DataInputStream in, Path file) throws IOException {
        try {
            int magic = in.readInt();
            if ((magic >>> 16) != 0) {
                throw new MalformedDataException(file + " is not an IDX file: it does not start with two zero bytes");
            }
            int type = (magic >>> 8) & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new MalformedDataException(file + " holds IDX type 0x" + Integer.toHexString(type)
                        + "; LossLab reads unsigned-byte (0x08) IDX files, the MNIST format");
            }
            int[] dimensions = new int[magic & 0xFF];
            if (dimensions.length == 0) {
                throw new MalformedDataException(file + " declares no dimensions in its IDX header");
            }
            for (int d = 0; d < dimensions.length; d++) {
                dimensions[d] = in.readInt();
                if (dimensions[d] < 0) {
                    throw new MalformedDataException(file + " declares a negative size, " + dimensions[d]
                            + ", for dimension " + d);
                }
            }
            elementCount(dimensions, file);
            return dimensions;
        } catch (EOFException e) {
            throw new MalformedDataException(file + " ends inside its IDX header", e);
        }
    }

    private static long elementCount(int[] dimensions, Path file) throws MalformedDataException {
        long count = 1;
        for (int size : dimensions) {
            count *= size;
            if (count > MemoryBudget.MAX_ARRAY_LENGTH) {
                throw new MalformedDataException(file + " declares " + shape(dimensions)
                        + " entries, more than one Java array holds");
            }
        }
        return count;
    }

    /**
     * The pixels of one image, the product of the sizes after the first; past the array limit it
     * stops growing, as the exact number no longer matters.
     */
    private static long pixelsPerImage(int[] dimensions) {
        long pixels = 1;
        for (int d = 1; d < dimensions.length; d++) {
            pixels = Math.min(pixels * dimensions[d], MemoryBudget.MAX_ARRAY_LENGTH + 1);
        }
        return pixels;
    }

    /** Receives the data a buffer at a time: {@code chunk[0, length)} holds entries from {@code offset} on. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] chunk, int length, int offset);
    }

    /** Passes exactly {@code count} data bytes to {@code sink}, then checks that the data ends there. */
    private static void readData(InputStream in, Path file, int[] dimensions, int count, ChunkSink sink)
            throws IOException {
        byte[] buffer = new byte[Inputs.BUFFER_BYTES];
        int filled = 0;
        while (filled < count) {
            int read = in.read(buffer, 0, Math.min(buffer.length, count - filled));
            if (read < 0) {
                throw new MalformedDataException(file + " has a header for " + shape(dimensions) + " = " + count
                        + " bytes of data, but the data ends after " + filled + " bytes");
            }
            sink.accept(buffer, read, filled);
            filled += read;
        }
        if (in.read() >= 0) {
            throw new MalformedDataException(file + " has a header for " + shape(dimensions) + " = " + count
                    + " bytes of data, but holds more data than that");
        }
    }

    /**
     * Names {@code pixel_<row>_<column>} (one index per dimension after the first), zero-padded so
     * that sorting the names, as Tribuo does, keeps the pixels in row-major order.
     */
    private static List<String> pixelNames(int[] dimensions) {
        int[] pixelDimensions = Arrays.copyOfRange(dimensions, 1, dimensions.length);
        int count = Arrays.stream(pixelDimensions).reduce(1, Math::multiplyExact);
        return IntStream.range(0, count).mapToObj(p -> pixelName(p, pixelDimensions)).toList();
    }

    private static String pixelName(int flatIndex, int[] pixelDimensions) {
        String[] parts = new String[pixelDimensions.length];
        int rest = flatIndex;
        for (int d = pixelDimensions.length - 1; d >= 0; d--) {
            int width = Integer.toString(Math.max(pixelDimensions[d] - 1, 0)).length();
            parts[d] = String.format(Locale.ROOT, "%0" + width + "d", rest % pixelDimensions[d]);
            rest /= pixelDimensions[d];
        }
        return "pixel_" + String.join("_", parts);
    }

    private static String shape(int[] dimensions) {
        return Arrays.stream(dimensions).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }
}
