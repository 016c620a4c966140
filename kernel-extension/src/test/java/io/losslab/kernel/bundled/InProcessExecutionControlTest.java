package io.losslab.kernel.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.spi.ExecutionControl;
import org.junit.jupiter.api.Test;

class InProcessExecutionControlTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Stands for a snippet's code. */
    public static Object snippet() {
        return RUNS.incrementAndGet();
    }

    private final InProcessExecutionControl control = new InProcessExecutionControl(thread -> { });

    private static Method snippetMethod() throws NoSuchMethodException {
        return InProcessExecutionControlTest.class.getMethod("snippet");
    }

    @Test
    void anInterruptWhileTheCellStillCompilesStopsItsCode() throws Exception {
        int runsBefore = RUNS.get();
        control.beginStep();
        control.stop();

        assertThrows(ExecutionControl.StoppedException.class, () -> control.invoke(snippetMethod()));
        assertTrue(control.wasCutShort());
        assertEquals(runsBefore, RUNS.get(), "the snippet did not run");
    }

    @Test
    void anInterruptBetweenCellsDoesNotSpillIntoTheNext() throws Exception {
        control.beginStep();
        control.endCell();
        control.stop();

        control.beginStep();
        String key = control.invoke(snippetMethod());

        assertFalse(control.wasInterrupted());
        assertTrue(control.takeValue(key) instanceof Integer);
    }
}
