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
 * message, runtime exceptions with the user's own frames only, not the kernel's.
 */
final class CellErrors {

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
        Throwable current = exception;
        String prefix = "";
        while (current != null) {
            lines.add(prefix + describe(current));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isCellFrame(frame)) {
                    String method = frame.getMethodName().isEmpty() ? "the cell" : frame.getMethodName();
                    lines.add("    at " + method + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
                }
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new RuntimeError(String.join("\n", lines));
    }

    /** JShell names the source of code typed into a cell after its snippet: {@code #12}. */
    private static boolean isCellFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static String describe(Throwable t) {
        String type = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        if (type.equals(io.losslab.kernel.MagicFailure.class.getName())) {
            return t.getMessage();
        }
        return t.getMessage() == null ? type : type + ": " + t.getMessage();
    }
}
