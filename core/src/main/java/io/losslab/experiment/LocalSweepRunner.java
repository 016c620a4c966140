package io.losslab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a sweep's cells on threads of this JVM, nothing to start: the default runner. Each cell
 * runs on a worker thread; results come back to the calling thread as they finish. The results
 * are those of running the cells one after another, whatever the number of threads.
 *
 * <pre>{@code
 * SweepRunner runner = new LocalSweepRunner(2);
 * }</pre>
 */
public final class LocalSweepRunner implements SweepRunner {

    /** How long cancelled workers get to stop after their current batch before the runner returns anyway. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final int threads;

    /** A runner with one thread per available processor. */
    public LocalSweepRunner() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A runner with this many worker threads.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public LocalSweepRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but is " + threads);
        }
        this.threads = threads;
    }

    @Override
    public void run(SweepJob job, List<SweepCell> cells, Consumer<SweepResult> finished,
            BiConsumer<SweepCell, String> failed) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, cells.size())),
                new WorkerThreads());
        try {
            CompletionService<SweepOutcome> outcomes = new ExecutorCompletionService<>(workers);
            cells.forEach(cell -> outcomes.submit(() -> SweepOutcome.of(job, cell)));
            for (int left = cells.size(); left > 0; left--) {
                outcomes.take().get().handTo(finished, failed);
            }
        } catch (InterruptedException e) {
            stop(workers);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed outside its cell: " + SweepJob.reason(e.getCause()), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Interrupts the workers (training stops after its current batch) and waits a little for them. */
    private static void stop(ExecutorService workers) {
        workers.shutdownNow();
        try {
            workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "local, %d thread%s", threads, threads == 1 ? "" : "s");
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Daemon workers, so that a sweep left running never keeps the JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "losslab-sweep-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
