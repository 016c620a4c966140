package io.losslab.data;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an HTTP response, taken one part at a time by the thread that downloads it.
 *
 * <p>The JDK's input stream of a response body neither times out nor notices an interrupt, so a
 * server that stops sending would hold a notebook cell forever. Here the downloading thread waits
 * for each part with a timeout, in a wait that an interrupt ends; closing the body before its end
 * cancels the response, which closes the connection.
 */
final class ResponseBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    /** Put in the queue after the last part. */
    private static final List<ByteBuffer> END = List.of();

    private final BlockingQueue<Object> parts = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean closed;
    private boolean ended;

    private ResponseBody() {
    }

    /** Starts taking the body that {@code publisher} publishes. */
    static ResponseBody of(Flow.Publisher<List<ByteBuffer>> publisher) {
        ResponseBody body = new ResponseBody();
        publisher.subscribe(body);
        return body;
    }

    /**
     * The next part of the body, or empty after the last.
     *
     * @throws HttpTimeoutException if no part came within {@code timeout}
     * @throws InterruptedException if the thread was interrupted while it waited
     * @throws IOException if the response failed
     */
    Optional<List<ByteBuffer>> next(Duration timeout) throws IOException, InterruptedException {
        Object part = parts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (part == null) {
            throw new HttpTimeoutException("no data for " + timeout);
        }
        if (part instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        if (part == END) {
            ended = true;
            return Optional.empty();
        }
        requestOne();
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) part;
        return Optional.of(buffers);
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (closed) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        parts.add(item.isEmpty() ? List.of(ByteBuffer.allocate(0)) : item);
    }

    @Override
    public void onError(Throwable failure) {
        parts.add(failure);
    }

    @Override
    public void onComplete() {
        parts.add(END);
    }

    private synchronized void requestOne() {
        subscription.request(1);
    }

    /** Cancels the response unless its body was read to the end. */
    @Override
    public synchronized void close() {
        closed = true;
        if (!ended && subscription != null) {
            subscription.cancel();
        }
    }
}
