package io.losslab.kernel.bundled;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Errors of a cell, written for the person who wrote it: compile errors with the line and the
 * message, runtime exceptions with the user's own frames only, not the kernel's, and frames that
 * repeat (as deep recursion leaves them) folded into one round and a count, as IPython does.
 */
final class CellErrors {

    /** The longest cycle of frames that folds, as mutual recursion of a few methods leaves. */
    private static final int MAX_CYCLE = 8;
    /** How often a cycle must occur in a row to be folded. */
    private static final int MIN_REPEATS = 3;

    private CellErrors() {
    }

    /** A cell that did not compile. */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;

        CompileError(String message) {
            super(message, null, false, false);
        }
    }

    /** A cell whose code threw; the message holds the exception and the user's frames. */
    static final class RuntimeError extends Exception {
        private static final long serialVersionUID = 1L;

        RuntimeError(String message) {
            super(message, null, false, false);
        }
    }

    /** A cell stopped by the user. */
    static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("Interrupted: the cell was stopped; the kernel and its variables are still there.", null, false, false);
        }
    }

    static CompileError compileError(String source, List<Diag> diagnostics) {
        StringBuilder message = new StringBuilder();
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int lineNumber = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            message.append("Line ").append(lineNumber).append(": ").append(diag.getMessage(Locale.ROOT)).append('\n')
                    .append("  ").append(line).append('\n')
                    .append("  ").append(" ".repeat(position - lineStart)).append("^\n");
        }
        return new CompileError(message.toString().strip());
    }

    static RuntimeError runtimeError(JShellException exception) {
        List<String> lines = new ArrayList<>();
        if (exception instanceof UnresolvedReferenceException unresolved) {
            lines.add("The code uses " + unresolved.getSnippet().source().strip()
                    + ", which cannot run until what it refers to is declared.");
            return new RuntimeError(String.join("\n", lines));
        }
        if (isOutOfMemory(exception)) {
            return new RuntimeError(describe(exception) + ": the cell needed more than the kernel's "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of heap; the kernel and its variables are still there.");
        }
        Throwable current = exception;
        String prefix = "";
        while (current != null) {
            lines.add(prefix + describe(current));
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isCellFrame(frame)) {
                    String method = frame.getMethodName().isEmpty() ? "the cell" : frame.getMethodName();
                    frames.add("    at " + method + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
                }
            }
            lines.addAll(folded(frames));
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new RuntimeError(String.join("\n", lines));
    }

    /** {@code frames} with each run of a repeating cycle kept once, followed by how many frames were left out. */
    static List<String> folded(List<String> frames) {
        List<String> kept = new ArrayList<>();
        int start = 0;
        while (start < frames.size()) {
            int cycle = foldingCycle(frames, start);
            if (cycle == 0) {
                kept.add(frames.get(start++));
                continue;
            }
            int repeats = repeats(frames, start, cycle);
            kept.addAll(frames.subList(start, start + cycle));
            kept.add(String.format(Locale.ROOT, "    ... %,d more frames repeating the %s above", (repeats - 1) * cycle,
                    cycle == 1 ? "one" : cycle + " frames"));
            start += repeats * cycle;
        }
        return kept;
    }

    /** The cycle of frames from {@code start} that repeats over the most frames, at least {@link #MIN_REPEATS} times; 0 if none does. */
    private static int foldingCycle(List<String> frames, int start) {
        int best = 0;
        int covered = 0;
        for (int cycle = 1; cycle <= MAX_CYCLE; cycle++) {
            int repeats = repeats(frames, start, cycle);
            if (repeats >= MIN_REPEATS && cycle * repeats > covered) {
                best = cycle;
                covered = cycle * repeats;
            }
        }
        return best;
    }

    /** How many times in a row the {@code cycle} frames from {@code start} occur. */
    private static int repeats(List<String> frames, int start, int cycle) {
        int count = 1;
        while (start + (count + 1) * cycle <= frames.size()
                && frames.subList(start + count * cycle, start + (count + 1) * cycle).equals(frames.subList(start, start + cycle))) {
            count++;
        }
        return count;
    }

    /** JShell names the source of code typed into a cell after its snippet: {@code #12}. */
    private static boolean isCellFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    /** Where a cell ran out of memory says nothing useful: any allocation can be the last straw. */
    private static boolean isOutOfMemory(JShellException exception) {
        return exception instanceof EvalException eval
                && eval.getExceptionClassName().equals(OutOfMemoryError.class.getName());
    }

    private static String describe(Throwable t) {
        String type = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        if (type.equals(io.losslab.kernel.MagicFailure.class.getName())) {
            return t.getMessage();
        }
        return t.getMessage() == null ? type : type + ": " + t.getMessage();
    }
}
