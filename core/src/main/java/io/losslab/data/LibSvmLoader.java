package io.losslab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a LibSVM / SVMlight file: one example per line, {@code label index:value index:value ...}
 * with 1-based, increasing feature indices; a {@code qid:} pair is ignored and {@code #} starts a
 * comment. The sparse rows become a dense matrix whose column {@code j} is feature index
 * {@code j + 1}, named {@code f<index>}.
 *
 * <pre>{@code
 * LabeledData a9a = LibSvmLoader.libSvm().numFeatures(123).load(Path.of("a9a.txt"));
 * }</pre>
 */
public final class LibSvmLoader {

    private static final int INFER = 0;

    private final int numFeatures;
    private final List<String> classes;

    private LibSvmLoader(int numFeatures, List<String> classes) {
        this.numFeatures = numFeatures;
        this.classes = classes;
    }

    /** A loader that takes the number of features from the largest index in the file. */
    public static LibSvmLoader libSvm() {
        return new LibSvmLoader(INFER, List.of());
    }

    /**
     * The same loader with a fixed number of features, so that a training and a test file whose
     * largest indices differ load with the same columns; a larger index is an error.
     */
    public LibSvmLoader numFeatures(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("numFeatures must be at least 1, but is " + count);
        }
        return new LibSvmLoader(count, classes);
    }

    /**
     * The same loader with the classes declared: class {@code k} is {@code names[k]}, and a line
     * with any other label is an error. Without it, the classes are the distinct labels in numeric
     * or else alphabetical order.
     */
    public LibSvmLoader classes(String... names) {
        return new LibSvmLoader(numFeatures, ClassEncoder.declaredClasses(names));
    }

    /**
     * Loads a file, gzip-compressed or not.
     *
     * @throws MalformedDataException if the file has no examples or a line is malformed
     *     (including a feature index of 0)
     */
    public LabeledData load(Path file) throws IOException {
        try (BufferedReader reader = Inputs.openText(file)) {
            return load(reader, file.toString());
        }
    }

    /** Loads from a reader; {@code sourceName} names the data in messages and in the result. */
    public LabeledData load(Reader reader, String sourceName) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        ClassEncoder encoder = new ClassEncoder(classes);
        List<SparseRow> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            String content = withoutComment(line).strip();
            if (content.isEmpty()) {
                continue;
            }
            try {
                String[] tokens = content.split("\\s+");
                encoder.add(label(tokens[0]));
                rows.add(sparseRow(tokens));
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(sourceName, lineNumber, e.getMessage(), line);
            }
        }
        if (rows.isEmpty()) {
            throw new MalformedDataException(sourceName + " is empty: it has no examples");
        }
        ClassEncoder.Encoded encoded = encoder.encode();
        return LabeledData.create(dense(rows, sourceName), encoded.labels(), encoded.classNames(), sourceName);
    }

    /** One line's features: indices counted from 0, and their values. */
    private record SparseRow(int[] columns, float[] values) {
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String label(String token) {
        if (token.contains(",")) {
            throw new IllegalArgumentException("label '" + Numbers.shorten(token)
                    + "' lists several classes; multi-label LibSVM files are not supported");
        }
        if (token.contains(":")) {
            throw new IllegalArgumentException("the line starts with '" + Numbers.shorten(token) + "', not with a label");
        }
        return token;
    }

    private SparseRow sparseRow(String[] tokens) {
        int[] columns = new int[tokens.length - 1];
        float[] values = new float[tokens.length - 1];
        int count = 0;
        int previousIndex = 0;
        for (int t = 1; t < tokens.length; t++) {
            int colon = tokens[t].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + Numbers.shorten(tokens[t]) + "' is not an index:value pair");
            }
            String key = tokens[t].substring(0, colon);
            if (key.equals("qid")) {
                continue;
            }
            int index = featureIndex(key, previousIndex);
            columns[count] = index - 1;
            values[count] = value(tokens[t].substring(colon + 1), index);
            previousIndex = index;
            count++;
        }
        return new SparseRow(Arrays.copyOf(columns, count), Arrays.copyOf(values, count));
    }

    private int featureIndex(String key, int previousIndex) {
        if (key.isEmpty() || !key.chars().allMatch(Character::isDigit) || key.length() > 9) {
            throw new IllegalArgumentException("'" + Numbers.shorten(key) + "' is not a feature index");
        }
        int index = Integer.parseInt(key);
        if (index == 0) {
            throw new IllegalArgumentException("feature index 0: LibSVM feature indices start at 1");
        }
        if (index <= previousIndex) {
            throw new IllegalArgumentException("feature index " + index + " follows " + previousIndex
                    + ": indices must increase along a line");
        }
        if (numFeatures != INFER && index > numFeatures) {
            throw new IllegalArgumentException("feature index " + index + " is larger than numFeatures = "
                    + numFeatures);
        }
        return index;
    }

    private static float value(String text, int index) {
        try {
            return Numbers.parseFeature(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the value of feature " + index + ": " + e.getMessage(), e);
        }
    }

    private FeatureMatrix dense(List<SparseRow> rows, String sourceName) throws MalformedDataException {
        int columns = numFeatures != INFER ? numFeatures : largestIndex(rows);
        String cause = numFeatures != INFER ? "numFeatures = " + numFeatures : "feature index " + columns;
        MemoryBudget.requireFloatMatrix(sourceName, cause + " implies a dense " + rows.size() + "×" + columns
                + " float matrix", rows.size(), columns);
        float[] values = new float[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            SparseRow row = rows.get(i);
            for (int p = 0; p < row.columns().length; p++) {
                values[i * columns + row.columns()[p]] = row.values()[p];
            }
        }
        return new FeatureMatrix(values, rows.size(), columns, FeatureMatrix.numberedNames("f", 1, columns));
    }

    private static int largestIndex(List<SparseRow> rows) {
        int largestColumn = rows.stream().mapToInt(r -> r.columns().length == 0 ? -1 : r.columns()[r.columns().length - 1])
                .max().orElse(-1);
        return largestColumn + 1;
    }
}
