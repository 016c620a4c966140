package io.losslab.kernel.bundled;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in the kernel's own JVM, so user code, {@code display(...)} and the
 * magics share objects. Each snippet runs on a thread of its own that {@link #stop()} can
 * interrupt (and, if the code ignores interrupts, stop). The value of every snippet is kept as
 * the object itself, not only its string, so that the kernel can render it.
 *
 * <p>Code that ignores the interrupt is first stopped at its next output, where it holds nothing
 * the kernel needs; only code that prints nothing is stopped wherever it is.
 */
final class InProcessExecutionControl extends DirectExecutionControl {

    /** How long interrupted code has to finish before its thread is stopped. */
    private static final long GRACE_MILLIS = 2000;
    /** How long code that ignored the interrupt has to reach its next output before it is stopped where it is. */
    private static final long OUTPUT_STOP_MILLIS = 500;

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private volatile Thread running;
    private volatile boolean stopRequested;
    private volatile boolean cutShort;
    private boolean inCell;
    private final Consumer<Thread> stopAtOutput;

    /** @param stopAtOutput makes the next output of a thread throw, so that it ends there */
    InProcessExecutionControl(Consumer<Thread> stopAtOutput) {
        this.stopAtOutput = stopAtOutput;
    }

    /** The provider JShell asks for this engine. */
    static ExecutionControlProvider provider(InProcessExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "losslab-in-process";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        SnippetRun run = new SnippetRun(doitMethod);
        Thread thread = new Thread(run, "losslab-cell");
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        synchronized (this) {
            cutShort = false;
            if (stopRequested) {
                // The interrupt came while the cell was compiling, or between its snippets.
                cutShort = true;
                throw new StoppedException();
            }
            running = thread;
            thread.start();
        }
        thread.join();
        running = null;
        // Code that heeds the interrupt and returns (a training loop handing back the model so
        // far) keeps its value; code that was stopped, or threw because of the interrupt, has none.
        if (stopRequested && (run.failure != null || run.stopped)) {
            cutShort = true;
            throw new StoppedException();
        }
        if (run.failure != null) {
            throw run.failure;
        }
        String key = "value-" + nextKey.incrementAndGet();
        if (run.value != null) {
            values.put(key, run.value);
        }
        return key;
    }

    /**
     * Starts a step of a cell (its code, or the declarations after it): an interrupt from now on
     * stops it, even one that comes before its code starts running.
     */
    synchronized void beginStep() {
        stopRequested = false;
        cutShort = false;
        inCell = true;
    }

    /** Ends the cell: an interrupt between cells stops nothing, and so cannot spill into the next cell. */
    synchronized void endCell() {
        inCell = false;
    }

    /** The object a snippet evaluated to, given the value string JShell reported; null if none. */
    Object takeValue(String key) {
        return key == null ? null : values.remove(key);
    }

    /** Forgets every kept value: called after each cell so that nothing is held longer. */
    void clearValues() {
        values.clear();
    }

    /** Whether the user interrupted the last snippet, whether or not it finished. */
    boolean wasInterrupted() {
        return stopRequested;
    }

    /** Whether the last snippet was cut short by an interrupt, leaving no value. */
    boolean wasCutShort() {
        return cutShort;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!inCell) {
                return;
            }
            stopRequested = true;
            thread = running;
        }
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
            if (thread.isAlive()) {
                stopAtOutput.accept(thread);
                thread.join(OUTPUT_STOP_MILLIS);
            }
            if (thread.isAlive()) {
                thread.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Newer JDKs cannot stop a thread; the interrupt and the stop at output are all there is.
        }
    }

    /** One snippet's invocation, remembering its value or what it threw. */
    private static final class SnippetRun implements Runnable {
        private final Method method;
        private volatile Object value;
        private volatile Exception failure;
        private volatile boolean stopped;

        SnippetRun(Method method) {
            this.method = method;
        }

        @Override
        public void run() {
            try {
                value = method.invoke(null);
            } catch (Exception e) {
                failure = e;
            } catch (ThreadDeath death) {
                stopped = true;
            }
        }
    }
}
