package io.losslab.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on the loopback interface for download tests: handlers by path, a count of
 * the requests they answered, handlers that stall until the server stops, and a "flaky" server
 * that sends an error page until the test fixes it.
 */
public final class LoopbackHttpServer {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean fixed = new AtomicBoolean();

    private LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
    }

    /** A server with no paths yet; it answers once {@link #start()} is called. */
    public static LoopbackHttpServer create() throws IOException {
        return new LoopbackHttpServer();
    }

    /** Answers requests for {@code path} with {@code handler}, counting each. */
    public LoopbackHttpServer serve(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        return this;
    }

    /** Starts answering. */
    public LoopbackHttpServer start() {
        server.start();
        return this;
    }

    /** The URL of {@code path} on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests the handlers were given so far. */
    public int requests() {
        return requests.get();
    }

    /** From now on the flaky handlers send their good body. */
    public void fix() {
        fixed.set(true);
    }

    /**
     * Sends {@code body} with status 200 and, unless null, the Content-Type {@code type}; a
     * negative {@code announcedLength} sends it in chunks, with no Content-Length.
     */
    public static void respond(HttpExchange exchange, String type, byte[] body, int announcedLength) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(200, announcedLength < 0 ? 0 : announcedLength);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A handler that sends {@code errorPage} as {@code errorType} with status 200 until {@link #fix()}, then {@code good}. */
    public HttpHandler flaky(String errorType, byte[] errorPage, String goodType, byte[] good) {
        return exchange -> {
            if (fixed.get()) {
                respond(exchange, goodType, good, good.length);
            } else {
                respond(exchange, errorType, errorPage, errorPage.length);
            }
        };
    }

    /** Waits, in a handler, until the server stops, then closes the exchange without another byte. */
    public void stallUntilStopped(HttpExchange exchange) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    /** Releases the stalled handlers and stops; whether every handler ended within {@code wait}. */
    public boolean stop(Duration wait) throws InterruptedException {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
        return handlers.awaitTermination(wait.toSeconds(), TimeUnit.SECONDS);
    }
}
