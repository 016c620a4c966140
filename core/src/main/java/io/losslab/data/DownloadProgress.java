package io.losslab.data;

import java.net.URI;

/**
 * Told how far a download has got, after every buffer; the notebook layer draws it as a progress
 * bar. It is called on the downloading thread.
 *
 * <pre>{@code
 * DownloadProgress print = (uri, received, total) ->
 *         System.out.printf("%s: %d of %d bytes%n", uri, received, total);
 * }</pre>
 */
@FunctionalInterface
public interface DownloadProgress {

    /** Reports nothing. */
    DownloadProgress NONE = (uri, bytesReceived, bytesTotal) -> { };

    /**
     * Called when the download of {@code uri} has received {@code bytesReceived} bytes.
     *
     * @param bytesTotal the size the server announced, or -1 if it did not say
     */
    void update(URI uri, long bytesReceived, long bytesTotal);
}
