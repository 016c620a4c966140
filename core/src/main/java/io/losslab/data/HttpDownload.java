package io.losslab.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * One HTTP(S) GET whose body goes into a file, for {@link UrlCache}: it waits at most the
 * options' timeouts, stops when its thread is interrupted, refuses an answer that is not the file
 * (an error status, an HTML page, a body of another length than announced), and says each of these
 * in one sentence that names the URI.
 */
final class HttpDownload {

    private final URI uri;
    private final DownloadOptions options;
    private final DownloadProgress progress;
    private long received;

    HttpDownload(URI uri, DownloadOptions options, DownloadProgress progress) {
        this.uri = uri;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Downloads the body into {@code file}, and into {@code digest} if there is one.
     *
     * @throws InterruptedIOException if the thread was interrupted; its interrupt flag stays set
     * @throws HttpTimeoutException if the server sent nothing for the read timeout
     * @throws IOException for any other failure, with a message that names the URI
     */
    void into(WritableByteChannel file, Optional<MessageDigest> digest) throws IOException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send();
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (ResponseBody body = ResponseBody.of(response.body())) {
            refuseWrongAnswer(response);
            copy(body, file, digest, announced);
        }
        if (announced >= 0 && received != announced) {
            throw cutShort(announced, "the server announced another length", null);
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        // The request timeout ends the wait for the status line and headers; the body has its own.
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.readTimeout()).GET().build();
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw interrupted();
        } catch (ExecutionException e) {
            throw notAnswered(e.getCause());
        }
    }

    /** Refuses an error status, and an HTML page where a data file was asked for: a server's error page. */
    private void refuseWrongAnswer(HttpResponse<?> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("download of " + uri + " failed: the server answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String path = String.valueOf(uri.getPath()).toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") && !path.endsWith(".html") && !path.endsWith(".htm")) {
            throw new IOException("download of " + uri + " failed: the server answered with an HTML page ("
                    + "Content-Type " + type + "), not the file; nothing was cached");
        }
    }

    private void copy(ResponseBody body, WritableByteChannel file, Optional<MessageDigest> digest, long announced)
            throws IOException {
        progress.update(uri, 0, announced);
        try {
            for (var part = body.next(options.readTimeout()); part.isPresent(); part = body.next(options.readTimeout())) {
                write(part.get(), file, digest);
                progress.update(uri, received, announced);
            }
        } catch (InterruptedException | ClosedByInterruptException e) {
            throw interrupted();
        } catch (HttpTimeoutException e) {
            throw silent(e);
        } catch (IOException e) {
            throw cutShort(announced, describe(e), e);
        }
    }

    /** The sentence for a body that broke off; the JDK says only a technical detail, which goes in parentheses. */
    private IOException cutShort(long announced, String detail, IOException cause) {
        String where = announced >= 0 ? received + " of " + announced + " bytes" : received + " bytes, before the body's end";
        return new IOException("download of " + uri + " stopped after " + where + " (" + detail + "); nothing was cached",
                cause);
    }

    private void write(List<ByteBuffer> buffers, WritableByteChannel file, Optional<MessageDigest> digest)
            throws IOException {
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            digest.ifPresent(d -> d.update(buffer.duplicate()));
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        }
    }

    /** The sentence for a request that got no answer: no connection, no such host, or silence. */
    private IOException notAnswered(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return withCause(new HttpConnectTimeoutException("cannot reach " + uri + ": no connection within "
                    + seconds(options.connectTimeout()) + " s"), failure);
        }
        if (failure instanceof HttpTimeoutException timeout) {
            return silent(timeout);
        }
        if (hasCause(failure, UnresolvedAddressException.class) || hasCause(failure, UnknownHostException.class)) {
            return withCause(new UnknownHostException("unknown host " + uri.getHost() + " in " + uri), failure);
        }
        if (failure instanceof ConnectException) {
            return withCause(new ConnectException("cannot reach " + uri + ": " + connectProblem(failure)), failure);
        }
        return new IOException("download of " + uri + " failed: " + describe(failure), failure);
    }

    private HttpTimeoutException silent(HttpTimeoutException timeout) {
        String after = received > 0 ? " after " + received + " bytes, which were not cached" : "";
        return withCause(new HttpTimeoutException(uri + " sent nothing for " + seconds(options.readTimeout()) + " s"
                + after + "; timeout=SECONDS on %dataset load, or DownloadOptions.readTimeout, changes the limit"), timeout);
    }

    /** Interrupting the thread is how a notebook stops a cell; the flag stays set for the code above. */
    private InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("download of " + uri + " was interrupted after " + received
                + " bytes; nothing was cached");
    }

    /**
     * Why a connection failed, as the middle of a sentence. The JDK's client reports a refused
     * connection as a {@code ConnectException} with no message, caused by a
     * {@code ClosedChannelException} with none either; a failure that does say why is quoted.
     */
    private static String connectProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
            }
        }
        return "connection refused";
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T withCause(T exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }

    /** A duration in seconds as a person writes it: 30, 0.5. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
