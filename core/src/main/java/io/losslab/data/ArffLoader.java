package io.losslab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Weka ARFF file whose attributes are numeric ({@code numeric}, {@code real},
 * {@code integer}) apart from one nominal class attribute, by default the last one as in Weka.
 * The classes keep the order of the nominal declaration. Missing values ({@code ?}), sparse rows
 * and string, date or other nominal attributes are errors, not silently dropped.
 *
 * <pre>{@code
 * LabeledData iris = ArffLoader.arff().load(Path.of("iris.arff"));
 * LabeledData other = ArffLoader.arff().classAttribute("outcome").load(Path.of("trial.arff"));
 * }</pre>
 */
public final class ArffLoader {

    private static final String QUOTES = "'\"";

    private final String classAttribute;

    private ArffLoader(String classAttribute) {
        this.classAttribute = classAttribute;
    }

    /** A loader whose class attribute is the last attribute. */
    public static ArffLoader arff() {
        return new ArffLoader(null);
    }

    /** The same loader taking the class from the attribute with this name. */
    public ArffLoader classAttribute(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("class attribute name must not be blank, but is '" + name + "'");
        }
        return new ArffLoader(name.strip());
    }

    /**
     * Loads a file, gzip-compressed or not.
     *
     * @throws MalformedDataException if the header or a data row is malformed, an attribute has a
     *     type other than numeric, or a class value is not in its declaration
     */
    public LabeledData load(Path file) throws IOException {
        try (BufferedReader reader = Inputs.openText(file)) {
            return load(reader, file.toString());
        }
    }

    /** Loads from a reader; {@code sourceName} names the data in messages and in the result. */
    public LabeledData load(Reader reader, String sourceName) throws IOException {
        return new Parse(reader instanceof BufferedReader b ? b : new BufferedReader(reader), sourceName).run();
    }

    /** An attribute: its name and, for a nominal one, its declared values (null for numeric). */
    private record Attribute(String name, List<String> nominalValues) {

        boolean isNominal() {
            return nominalValues != null;
        }
    }

    /** The state of one load. */
    private final class Parse {

        private final BufferedReader reader;
        private final String source;
        private final List<Attribute> attributes = new ArrayList<>();
        private final GrowableFloats values = new GrowableFloats();
        private int lineNumber;
        private int classColumn;
        private ClassEncoder encoder;

        Parse(BufferedReader reader, String source) {
            this.reader = reader;
            this.source = source;
        }

        LabeledData run() throws IOException {
            readHeader();
            classColumn = findClassColumn();
            requireNumericFeatures();
            encoder = new ClassEncoder(attributes.get(classColumn).nominalValues());
            for (String line = nextLine(); line != null; line = nextLine()) {
                addRow(line);
            }
            if (encoder.size() == 0) {
                throw new MalformedDataException(source + " has an @data section with no rows");
            }
            List<String> featureNames = new ArrayList<>(attributes.stream().map(Attribute::name).toList());
            featureNames.remove(classColumn);
            FeatureMatrix features = new FeatureMatrix(values.toArray(), encoder.size(), featureNames.size(),
                    featureNames);
            ClassEncoder.Encoded encoded = encoder.encode();
            return LabeledData.create(features, encoded.labels(), encoded.classNames(), source);
        }

        private void readHeader() throws IOException {
            for (String line = nextLine(); line != null; line = nextLine()) {
                String keyword = firstWord(line).toLowerCase(Locale.ROOT);
                switch (keyword) {
                    case "@relation" -> { }
                    case "@attribute" -> attributes.add(attribute(line));
                    case "@data" -> {
                        if (attributes.isEmpty()) {
                            throw new MalformedDataException(source + " declares no @attribute before @data");
                        }
                        return;
                    }
                    default -> throw MalformedDataException.atLine(source, lineNumber,
                            "expected @relation, @attribute or @data in the header", line);
                }
            }
            throw new MalformedDataException(source + (attributes.isEmpty() ? " is empty or not ARFF" : "")
                    + ": it has no @data section");
        }

        private Attribute attribute(String line) throws MalformedDataException {
            String rest = line.strip().substring("@attribute".length()).strip();
            try {
                String name = leadingName(rest);
                int typeStart = QUOTES.indexOf(rest.charAt(0)) >= 0 ? name.length() + 2 : name.length();
                String type = rest.substring(typeStart).strip();
                if (type.isEmpty()) {
                    throw new IllegalArgumentException("attribute '" + name + "' has no type");
                }
                return new Attribute(name, type(type));
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(source, lineNumber, "malformed @attribute: " + e.getMessage(), line);
            }
        }

        private List<String> type(String type) {
            if (type.startsWith("{")) {
                if (!type.endsWith("}")) {
                    throw new IllegalArgumentException("a nominal type must end with '}'");
                }
                List<String> declared = DelimitedLine.split(type.substring(1, type.length() - 1), ',', QUOTES);
                return ClassEncoder.declaredClasses(declared.toArray(String[]::new));
            }
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "numeric", "real", "integer" -> null;
                default -> throw new IllegalArgumentException("type '" + type
                        + "' is not supported; LossLab reads numeric attributes and a nominal class");
            };
        }

        private int findClassColumn() throws MalformedDataException {
            int column = attributes.size() - 1;
            if (classAttribute != null) {
                column = attributes.stream().map(Attribute::name).toList().indexOf(classAttribute);
                if (column < 0) {
                    throw new MalformedDataException(source + " has no attribute named '" + classAttribute
                            + "'; its attributes are "
                            + Numbers.shorten(attributes.stream().map(Attribute::name).toList().toString()));
                }
            }
            if (!attributes.get(column).isNominal()) {
                throw new MalformedDataException(source + ": the class attribute '" + attributes.get(column).name()
                        + "' is numeric, but a class must be nominal ({a, b, ...})");
            }
            return column;
        }

        private void requireNumericFeatures() throws MalformedDataException {
            for (int j = 0; j < attributes.size(); j++) {
                if (j != classColumn && attributes.get(j).isNominal()) {
                    throw new MalformedDataException(source + ": attribute '" + attributes.get(j).name()
                            + "' is nominal, but only the class attribute may be; the features must be numeric");
                }
            }
        }

        private void addRow(String line) throws MalformedDataException {
            if (line.strip().startsWith("{")) {
                throw MalformedDataException.atLine(source, lineNumber, "sparse ARFF rows are not supported", line);
            }
            List<String> fields;
            try {
                fields = DelimitedLine.split(line, ',', QUOTES);
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(source, lineNumber, e.getMessage(), line);
            }
            if (fields.size() != attributes.size()) {
                throw MalformedDataException.atLine(source, lineNumber, "it has " + fields.size()
                        + " values but there are " + attributes.size() + " attributes", line);
            }
            for (int j = 0; j < fields.size(); j++) {
                if (j != classColumn) {
                    values.add(feature(line, fields.get(j), attributes.get(j)));
                }
            }
            addClass(line, fields.get(classColumn));
        }

        private float feature(String line, String field, Attribute attribute) throws MalformedDataException {
            if (field.equals("?")) {
                throw MalformedDataException.atLine(source, lineNumber, "attribute '" + attribute.name()
                        + "' has a missing value (?)", line);
            }
            try {
                return Numbers.parseFeature(field);
            } catch (NumberFormatException e) {
                throw MalformedDataException.atLine(source, lineNumber, e.getMessage() + " in attribute '"
                        + attribute.name() + "'", line);
            }
        }

        private void addClass(String line, String value) throws MalformedDataException {
            Attribute attribute = attributes.get(classColumn);
            try {
                encoder.add(value);
            } catch (IllegalArgumentException e) {
                throw MalformedDataException.atLine(source, lineNumber, "class value '" + Numbers.shorten(value)
                        + "' is not in the declaration of '" + attribute.name() + "' {"
                        + Numbers.shorten(String.join(", ", attribute.nominalValues())) + "}", line);
            }
        }

        /** The next line that is neither blank nor a % comment, or null at the end. */
        private String nextLine() throws IOException {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && (line.isBlank() || line.strip().startsWith("%")));
            return line;
        }
    }

    private static String firstWord(String line) {
        String stripped = line.strip();
        int end = 0;
        while (end < stripped.length() && !Character.isWhitespace(stripped.charAt(end))) {
            end++;
        }
        return stripped.substring(0, end);
    }

    /** The attribute name at the start of {@code text}: quoted, or up to the first blank. */
    private static String leadingName(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("it has no name");
        }
        char first = text.charAt(0);
        if (QUOTES.indexOf(first) >= 0) {
            int close = text.indexOf(first, 1);
            if (close < 0) {
                throw new IllegalArgumentException("the quoted name is never closed");
            }
            return text.substring(1, close);
        }
        return firstWord(text);
    }
}
