package io.losslab.data;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be: a malformed row, a header that
 * disagrees with the data, a truncated download. The message names the file and, where there is
 * one, the line and its content; nothing is half-loaded.
 *
 * <pre>{@code
 * try {
 *     CsvLoader.csv().load(path);
 * } catch (MalformedDataException e) {
 *     System.out.println(e.getMessage());   // "data.csv line 7: 'abc' in column 'x' is not a number: 1,abc,2"
 * }
 * }</pre>
 */
public class MalformedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem with the file as a whole. */
    public MalformedDataException(String message) {
        super(message);
    }

    /** A problem with the file as a whole, caused by a lower-level failure. */
    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem on one line, quoted after the message. */
    static MalformedDataException atLine(String source, int lineNumber, String problem, String content) {
        return new MalformedDataException(source + " line " + lineNumber + ": " + problem + ": " + Numbers.shorten(content));
    }
}
