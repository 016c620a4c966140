package io.losslab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV or TSV file of numeric features and one class label per row.
 *
 * <p>By default the first row is a header and the label is the last column; every other column
 * must be a plain decimal number. Blank lines are skipped. A gzip-compressed file is read as is.
 * A malformed row stops the load with its line number and content; nothing is half-loaded.
 *
 * <pre>{@code
 * LabeledData data = CsvLoader.csv().labelColumn("species").load(Path.of("iris.csv"));
 * LabeledData raw = CsvLoader.tsv().noHeader().labelColumn(0).load(Path.of("scores.tsv"));
 * }</pre>
 */
public final class CsvLoader {

    private static final int LAST_COLUMN = -1;

    private final char separator;
    private final boolean header;
    private final String labelName;
    private final int labelIndex;
    private final List<String> classes;

    private CsvLoader(char separator, boolean header, String labelName, int labelIndex, List<String> classes) {
        this.separator = separator;
        this.header = header;
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.classes = classes;
    }

    /** Comma-separated, with a header, label in the last column. */
    public static CsvLoader csv() {
        return new CsvLoader(',', true, null, LAST_COLUMN, List.of());
    }

    /** Tab-separated, with a header, label in the last column. */
    public static CsvLoader tsv() {
        return new CsvLoader('\t', true, null, LAST_COLUMN, List.of());
    }

    /** The same loader with another field separator, e.g. {@code ';'}. */
    public CsvLoader separator(char newSeparator) {
        if (newSeparator == '"' || newSeparator == '\n' || newSeparator == '\r') {
            throw new IllegalArgumentException("separator cannot be " + printable(newSeparator));
        }
        return new CsvLoader(newSeparator, header, labelName, labelIndex, classes);
    }

    /** The same loader for a file with no header row; columns are named {@code column_0}, {@code column_1}, ... */
    public CsvLoader noHeader() {
        return new CsvLoader(separator, false, labelName, labelIndex, classes);
    }

    /** The same loader taking the label from the column with this header name. */
    public CsvLoader labelColumn(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("label column name must not be blank, but is '" + name + "'");
        }
        return new CsvLoader(separator, header, name.strip(), LAST_COLUMN, classes);
    }

    /** The same loader taking the label from the column with this index, counted from 0. */
    public CsvLoader labelColumn(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("label column index must be non-negative, but is " + index);
        }
        return new CsvLoader(separator, header, null, index, classes);
    }

    /**
     * The same loader with the classes declared: class {@code k} is {@code names[k]}, and a row
     * with any other label is an error. Without it, the classes are the distinct labels in
     * numeric or else alphabetical order.
     */
    public CsvLoader classes(String... names) {
        return new CsvLoader(separator, header, labelName, labelIndex, ClassEncoder.declaredClasses(names));
    }

    /**
     * Loads a file, gzip-compressed or not.
     *
     * @throws MalformedDataException if the file is empty, a row is malformed, or the label column
     *     is missing
     * @throws IllegalArgumentException if the label column is given by name but there is no header
     */
    public LabeledData load(Path file) throws IOException {
        try (BufferedReader reader = Inputs.openText(file)) {
            return load(reader, file.toString());
        }
    }

    /** Loads from a reader; {@code sourceName} names the data in messages and in the result. */
    public LabeledData load(Reader reader, String sourceName) throws IOException {
        if (labelName != null && !header) {
            throw new IllegalArgumentException("label column '" + labelName
                    + "' is given by name, but this loader reads no header: give its index instead");
        }
        return new Parse(reader instanceof BufferedReader b ? b : new BufferedReader(reader), sourceName).run();
    }

    /** The state of one load. */
    private final class Parse {

        private final BufferedReader reader;
        private final String source;
        private final GrowableFloats values = new GrowableFloats();
        private final ClassEncoder encoder = new ClassEncoder(classes);
        private int lineNumber;
        private List<String> columnNames;
        private int labelColumn;

        Parse(BufferedReader reader, String source) {
            this.reader = reader;
            this.source = source;
        }

        LabeledData run() throws IOException {
            String first = nextLine();
            if (first == null) {
                throw new MalformedDataException(source + " is empty: it has no header and no rows");
            }
            List<String> firstFields = fields(stripByteOrderMark(first));
            columnNames = header ? headerNames(firstFields) : numberedColumns(firstFields.size());
            labelColumn = findLabelColumn();
            if (!header) {
                addRow(first, firstFields);
            }
            for (String line = nextLine(); line != null; line = nextLine()) {
                addRow(line, fields(line));
            }
            if (encoder.size() == 0) {
                throw new MalformedDataException(source + " has a header but no rows of data");
            }
            return result();
        }

        private LabeledData result() {
            List<String> featureNames = new ArrayList<>(columnNames);
            featureNames.remove(labelColumn);
            FeatureMatrix features = new FeatureMatrix(values.toArray(), encoder.size(), featureNames.size(),
                    featureNames);
            ClassEncoder.Encoded encoded = encoder.encode();
            return LabeledData.create(features, encoded.labels(), encoded.classNames(), source);
        }

        /**
         * The header's names, with a blank one (a spreadsheet's unnamed column) named by its index.
         * Repeats are found by hashing, as a header can have a hundred thousand columns.
         */
        private List<String> headerNames(List<String> fields) throws MalformedDataException {
            List<String> names = new ArrayList<>();
            Map<String, Integer> columnOfName = new HashMap<>();
            for (int j = 0; j < fields.size(); j++) {
                String name = fields.get(j).isEmpty() ? "column_" + j : fields.get(j);
                Integer earlier = columnOfName.putIfAbsent(name, j);
                if (earlier != null) {
                    throw new MalformedDataException(source + " line " + lineNumber + ": the header names columns "
                            + earlier + " and " + j + " both '" + Numbers.shorten(name) + "'");
                }
                names.add(name);
            }
            return names;
        }

        private int findLabelColumn() throws MalformedDataException {
            if (labelName != null) {
                int found = columnNames.indexOf(labelName);
                if (found < 0) {
                    throw new MalformedDataException(source + " has no column named '" + labelName
                            + "'; its columns are " + Numbers.shorten(columnNames.toString()));
                }
                return found;
            }
            int index = labelIndex == LAST_COLUMN ? columnNames.size() - 1 : labelIndex;
            if (index >= columnNames.size() || columnNames.size() < 2) {
                throw new MalformedDataException(source + " has " + columnNames.size()
                        + " column(s), so it has no label column " + index + " next to at least one feature");
            }
            return index;
        }

        private void addRow(String line, List<String> fields) throws MalformedDataException {
            if (fields.size() != columnNames.size()) {
                throw MalformedDataException.atLine(source, lineNumber, "it has " + fields.size() + " fields but "
                        + (header ? "the header has " : "the first row has ") + columnNames.size(), line);
            }
            for (int j = 0; j < fields.size(); j++) {
                if (j != labelColumn) {
                    values.add(feature(line, fields, j));
                }
            }
            try {
                encoder.add(fields.get(labelColumn));
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(source, lineNumber, e.getMessage(), line);
            }
        }

        private float feature(String line, List<String> fields, int column) throws MalformedDataException {
            try {
                return Numbers.parseFeature(fields.get(column));
            } catch (NumberFormatException e) {
                throw MalformedDataException.atLine(source, lineNumber, e.getMessage() + " in column '"
                        + Numbers.shorten(columnNames.get(column)) + "' (column " + column + ")", line);
            }
        }

        private List<String> fields(String line) throws MalformedDataException {
            try {
                return DelimitedLine.split(line, separator, "\"");
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(source, lineNumber, e.getMessage(), line);
            }
        }

        /** The next line that is not blank, or null at the end; counts every line for messages. */
        private String nextLine() throws IOException {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && line.isBlank());
            return line;
        }
    }

    /** Spreadsheet programs often start a UTF-8 file with a byte-order mark; it is not part of the first name. */
    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static List<String> numberedColumns(int count) {
        return FeatureMatrix.numberedNames("column_", 0, count);
    }

    private static String printable(char c) {
        return c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c);
    }
}
