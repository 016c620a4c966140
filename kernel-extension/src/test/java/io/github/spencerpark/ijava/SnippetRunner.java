package io.github.spencerpark.ijava;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part of the IJava 1.3.0 stand-in for LossLab's tests: runs JShell snippets inside the kernel's
 * JVM on a pool of "IJava-executor-N" threads (reused between cells, as in IJava), and keeps each
 * snippet's real result object, not JShell's string of it, so the kernel can render it, as IJava
 * does. User exceptions reach JShell with their class name, message and frames but without their
 * causes, as in IJava.
 */
final class SnippetRunner extends DirectExecutionControl {
    /** The "exception class name" that marks an interrupted snippet (IJava uses the same). */
    static final String INTERRUPTED = "Execution Interrupted";

    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ExecutorService threads =
            Executors.newCachedThreadPool(r -> new Thread(r, "IJava-executor-" + THREAD_COUNT.getAndIncrement()));
    private volatile Future<Object> running;
    private volatile Thread runningThread;

    /**
     * Removes and returns the result that {@link #invoke(Method)} stored under {@code key}, or
     * {@code null} if there is none (a {@code null} value, or a snippet without a value).
     */
    Object takeResult(String key) {
        return results.remove(key);
    }

    /** Runs the snippet and returns a key for {@link #takeResult} instead of the value's text. */
    @Override
    protected String invoke(Method doIt) throws Exception {
        Future<Object> task = threads.submit(() -> {
            runningThread = Thread.currentThread();
            try {
                return doIt.invoke(null);
            } finally {
                runningThread = null;
            }
        });
        running = task;
        Object value;
        try {
            value = task.get();
        } catch (CancellationException e) {
            throw new UserException("Execution interrupted.", INTERRUPTED, e.getStackTrace());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof SPIResolutionException unresolved) {
                throw new ResolutionException(unresolved.id(), unresolved.getStackTrace());
            }
            throw new UserException(String.valueOf(cause.getMessage()), cause.getClass().getName(), cause.getStackTrace());
        } finally {
            running = null;
        }
        String key = UUID.randomUUID().toString();
        if (value != null) {
            results.put(key, value);
        }
        return key;
    }

    /**
     * Cancels the running snippet; its {@code eval} then fails as interrupted. Unlike IJava, which
     * only interrupts the thread, the stand-in also stops it so that a busy loop does not run on.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        Future<Object> task = running;
        Thread thread = runningThread;
        if (task != null && task.cancel(true) && thread != null) {
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                // Java 20 and later cannot stop threads; the snippet is then only interrupted, as in IJava.
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        super.close();
    }
}
