package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import io.losslab.kernel.JavaLiterals;
import io.losslab.kernel.KernelContext;
import io.losslab.kernel.LossLabExtension;
import io.losslab.kernel.MagicFailure;
import io.losslab.kernel.SessionImports;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Java kernel LossLab bundles, on {@code jupyter-jvm-basekernel}: JShell executing in the
 * kernel's own JVM, IJava's familiar magics, and the LossLab extension loaded at start.
 *
 * <p>JShell starts on a background thread, so the kernel answers Jupyter at once; the first cell
 * waits for it if it must. What cells print and display goes through {@link CellOutput}, which
 * alone publishes it, and all of it is out before the cell's reply and idle status.
 */
public final class LossLabKernel extends BaseKernel {

    /** What every session starts with, so cells can use LossLab without imports. */
    private static final List<String> STARTUP = Stream.of(
            List.of("import java.util.*;", "import java.util.stream.*;"),
            SessionImports.LOSSLAB,
            List.of("import org.nd4j.linalg.api.ndarray.INDArray;",
                    "import org.nd4j.linalg.factory.Nd4j;",
                    "import static io.losslab.kernel.bundled.Notebook.*;"))
            .flatMap(List::stream).toList();

    private final Magics magics = new Magics();
    private final MagicParser magicParser = new MagicParser();
    private final CellOutput output = new CellOutput();
    private final InProcessExecutionControl control = new InProcessExecutionControl(output::refuse);
    private final Map<String, Object> pendingVariables = new LinkedHashMap<>();
    private final KernelDirectives directives = new KernelDirectives(this::addToClasspath);
    private final KernelContext context;
    private final CompletableFuture<JShell> shell;

    /** A kernel with the LossLab extension installed; JShell starts in the background. */
    public LossLabKernel() {
        Notebook.attach(this);
        setShouldReplaceStdStreams(false);
        context = LossLabExtension.install(this, magics, output::update, this::declareAfterCell);
        shell = CompletableFuture.supplyAsync(this::startShell);
    }

    private JShell startShell() {
        JShell js = JShell.builder().executionEngine(InProcessExecutionControl.provider(control), Map.of()).build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                js.addToClasspath(entry);
            }
        }
        STARTUP.forEach(js::eval);
        return js;
    }

    /** Where cells and magics display things and bind variables. */
    KernelContext context() {
        return context;
    }

    /** The magics registry, as IJava names it; the LossLab extension registers into it. */
    public Magics getMagics() {
        return magics;
    }

    /** Adds a jar or folder to what cells can compile against and load. */
    private void addToClasspath(String path) {
        shell().addToClasspath(path);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /**
     * Serves Jupyter on {@code connection}, answering kernel info and history requests itself, and
     * publishing what each cell prints and displays in reply to its execute request.
     */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, request) -> {
            output.publishTo(env.getIopub(), request);
            execute.handle(env, request);
        });
        // The base library sets stdin only together with the output streams, which CellOutput sets.
        System.setIn(getIO().in);
        output.startPublishing();
        connection.setHandler(KernelInfoRequest.MESSAGE_TYPE, (env, request) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelReplies.Info(KERNEL_META.get("project"), KERNEL_META.get("version"), getLanguageInfo(),
                    getBanner(), getHelpLinks()));
        });
        connection.setHandler(HistoryRequest.MESSAGE_TYPE, (env, request) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelReplies.NoHistory());
        });
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " with LossLab — %losslab lists the magics";
    }

    /** Queues {@code data}, to be published in order with what the cell prints. */
    @Override
    public void display(DisplayData data) {
        output.display(data);
    }

    @Override
    public DisplayData eval(String cell) throws Exception {
        JShell js = shell();
        output.beginCell();
        control.beginStep();
        try {
            String java = toJava(cell);
            Object value = run(js, java);
            // What an interrupted magic kept (a partial model) is still declared.
            control.beginStep();
            declarePendingVariables(js);
            boolean silenced = java.strip().endsWith(";");
            return value == null || silenced ? null : getRenderer().render(value);
        } finally {
            control.endCell();
            output.flush();
            control.clearValues();
            synchronized (pendingVariables) {
                pendingVariables.clear();
            }
        }
    }

    /** Runs each snippet of the cell in order; returns the value of a final expression, if any. */
    private Object run(JShell js, String java) throws Exception {
        Object value = null;
        List<String> sources = snippets(js, java);
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            value = null;
            for (SnippetEvent event : js.eval(source)) {
                if (control.wasCutShort()) {
                    throw new CellErrors.Interrupted();
                }
                if (event.exception() != null) {
                    throw CellErrors.runtimeError(event.exception());
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    throw CellErrors.compileError(source, js.diagnostics(event.snippet()).collect(Collectors.toList()));
                }
                if (event.causeSnippet() == null) {
                    Object result = control.takeValue(event.value());
                    value = isExpression(event.snippet()) ? result : null;
                }
            }
            if (control.wasInterrupted() && i < sources.size() - 1) {
                throw new CellErrors.Interrupted();
            }
        }
        return value;
    }

    /** An expression, including those JShell keeps in a temporary variable such as {@code $3}. */
    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static List<String> snippets(JShell js, String java) {
        List<String> sources = new ArrayList<>();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String remaining = java;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.source() == null || !info.completeness().isComplete()) {
                sources.add(remaining);
                break;
            }
            sources.add(info.source());
            remaining = info.remaining();
        }
        return sources;
    }

    /**
     * The cell as Java: a magic cell becomes one call, each magic line a call in its place. As in
     * IPython, a cell that ends with a semicolon shows no result, so the last magic line is left
     * without one.
     */
    private String toJava(String cell) {
        CellMagicParseContext cellMagic = parseCellMagic(cell);
        if (cellMagic != null) {
            return "io.losslab.kernel.bundled.Notebook.cellMagic(" + JavaLiterals.string(cellMagic.getMagicCall().getName())
                    + ", " + JavaLiterals.list(cellMagic.getMagicCall().getArgs()) + ", "
                    + JavaLiterals.string(cellMagic.getMagicCall().getBody()) + ")";
        }
        return magicParser.transformLineMagics(cell, line -> {
            String name = line.getMagicCall().getName();
            List<String> args = line.getMagicCall().getArgs();
            if (KernelDirectives.NAMES.contains(name)) {
                return directives.apply(name, args);
            }
            boolean last = cell.substring(line.getRawContextPrefix().length() + line.getRaw().length()).isBlank();
            return "io.losslab.kernel.bundled.Notebook.lineMagic(" + JavaLiterals.string(name) + ", "
                    + JavaLiterals.list(args) + ")" + (last ? "" : ";");
        });
    }

    /**
     * The cell as a cell magic, or null. The parser needs at least one character of body, so a
     * cell magic typed alone is given a blank one, which the magic then refuses in a sentence.
     */
    private CellMagicParseContext parseCellMagic(String cell) {
        CellMagicParseContext parsed = magicParser.parseCellMagic(cell);
        String typed = cell.strip();
        if (parsed == null && typed.startsWith("%%") && typed.indexOf('\n') < 0) {
            parsed = magicParser.parseCellMagic(typed + "\n ");
        }
        return parsed;
    }

    private void declareAfterCell(String name, Object value) {
        synchronized (pendingVariables) {
            pendingVariables.put(name, value);
        }
    }

    /** Declares the variables magics bound during the cell, now that the cell has finished. */
    private void declarePendingVariables(JShell js) throws Exception {
        Map<String, Object> toDeclare;
        synchronized (pendingVariables) {
            toDeclare = new LinkedHashMap<>(pendingVariables);
        }
        for (Map.Entry<String, Object> entry : toDeclare.entrySet()) {
            run(js, JavaLiterals.declaration(entry.getKey(), entry.getValue()));
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        if (!shell.isDone()) {
            return null;
        }
        int[] anchor = new int[1];
        List<String> options = shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%") || !shell.isDone()) {
            return IS_COMPLETE_YES;
        }
        return switch (shell().sourceCodeAnalysis().analyzeCompletion(code).completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        // %maven runs while the cell is translated, on the kernel's thread, before the cell thread exists.
        directives.interrupt();
        if (shell.isDone()) {
            shell().stop();
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellErrors.CompileError || e instanceof CellErrors.RuntimeError
                || e instanceof CellErrors.Interrupted || e instanceof MagicFailure) {
            return List.of(e.getMessage().split("\n"));
        }
        return super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (shell.isDone()) {
            shell().close();
        }
    }

    private JShell shell() {
        try {
            return shell.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }
}
