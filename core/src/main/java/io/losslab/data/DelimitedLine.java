package io.losslab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a delimited text file (CSV, TSV, ARFF data) into fields. A field may be
 * quoted, and a quote inside a quoted field is written twice, as in RFC 4180; spaces around a
 * field are dropped. Fields never span lines.
 */
final class DelimitedLine {

    private final String line;
    private final char separator;
    private final String quotes;
    private int position;

    private DelimitedLine(String line, char separator, String quotes) {
        this.line = line;
        this.separator = separator;
        this.quotes = quotes;
    }

    /**
     * The fields of {@code line}.
     *
     * @param quotes the characters that may open a quoted field, e.g. {@code "\""} or {@code "\"'"}
     * @throws IllegalArgumentException naming the problem if a quote is never closed or text
     *     follows a closing quote
     */
    static List<String> split(String line, char separator, String quotes) {
        return new DelimitedLine(line, separator, quotes).fields();
    }

    private List<String> fields() {
        List<String> fields = new ArrayList<>();
        while (true) {
            skipSpaces();
            boolean quoted = position < line.length() && quotes.indexOf(line.charAt(position)) >= 0;
            fields.add(quoted ? quotedField() : plainField());
            if (position >= line.length()) {
                return fields;
            }
            position++; // the separator
        }
    }

    private String plainField() {
        int end = line.indexOf(separator, position);
        if (end < 0) {
            end = line.length();
        }
        String field = line.substring(position, end).strip();
        position = end;
        return field;
    }

    private String quotedField() {
        char quote = line.charAt(position++);
        StringBuilder field = new StringBuilder();
        while (true) {
            if (position >= line.length()) {
                throw new IllegalArgumentException("a quoted field opened with " + quote + " is never closed");
            }
            char c = line.charAt(position++);
            if (c != quote) {
                field.append(c);
            } else if (position < line.length() && line.charAt(position) == quote) {
                field.append(quote);
                position++;
            } else {
                break;
            }
        }
        skipSpaces();
        if (position < line.length() && line.charAt(position) != separator) {
            throw new IllegalArgumentException("text follows the closing quote of field \""
                    + Numbers.shorten(field.toString()) + "\"");
        }
        return field.toString();
    }

    private void skipSpaces() {
        // A tab is a separator in TSV, so only blanks are skipped.
        while (position < line.length() && line.charAt(position) == ' ') {
            position++;
        }
    }
}
