package io.losslab.data;

import java.io.IOException;

/**
 * A dataset whose files are not where they were looked for. The message is one sentence that says
 * how to get them.
 *
 * <pre>{@code
 * try {
 *     FashionMnist.load();
 * } catch (DatasetNotFoundException e) {
 *     System.out.println(e.getMessage());   // "... install it with: sudo apt-get install ..."
 * }
 * }</pre>
 */
public class DatasetNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The message says what is missing and how to get it. */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
