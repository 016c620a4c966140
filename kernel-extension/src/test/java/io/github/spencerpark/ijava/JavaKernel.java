package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.common.Load;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import io.github.spencerpark.jupyter.kernel.util.StringStyler;
import io.github.spencerpark.jupyter.kernel.util.TextColor;
import io.github.spencerpark.jupyter.messages.Header;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stand-in for IJava 1.3.0's {@code JavaKernel}, for LossLab's tests. Like IJava it evaluates cells
 * with JShell inside the kernel's JVM (so cell code reaches this object through
 * {@link IJava#getKernelInstance()}), and it reproduces:
 * <ul>
 *   <li>magic rewriting: {@code %name args} becomes {@code lineMagic(name, List.of(args));{};} and a
 *       cell starting {@code %%name args} becomes {@code cellMagic(name, List.of(args), body);{};},
 *       each string base64-encoded, so a magic's return value is discarded; a {@code %} after an odd
 *       number of unescaped quotes on its line is left alone;</li>
 *   <li>startup: IJava's default imports, then {@code IJAVA_CLASSPATH}, then the
 *       {@code IJAVA_STARTUP_SCRIPTS_PATH} files and the {@code IJAVA_STARTUP_SCRIPT} code, all run
 *       just before the first cell;</li>
 *   <li>the value of a cell's last expression rendered as its result, and IJava's error reports;</li>
 *   <li>the line magics {@code %jars}, {@code %classpath} and {@code %load}, and interruption.</li>
 * </ul>
 * Left out, as no test needs them: {@code %maven} (and {@code getMavenResolver()}), code
 * completion, inspection and is-complete checks (the base library's "none"/"unknown" answers
 * stand), {@code IJAVA_TIMEOUT} and {@code IJAVA_COMPILER_OPTS}.
 */
public class JavaKernel extends BaseKernel {
    private static final Pattern PATH_SEPARATOR = Pattern.compile(File.pathSeparator, Pattern.LITERAL);
    private static final Pattern UNESCAPED_QUOTE = Pattern.compile("(?<!\\\\)\"");
    /** IJava's startup code, line for line (its layout shows in the line numbers of snippet stack frames). */
    private static final String DEFAULT_STARTUP = String.join("\n",
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.util.concurrent.*;", "import java.util.prefs.*;", "import java.util.regex.*;", "",
            "import static io.github.spencerpark.ijava.runtime.Display.*;",
            "import static io.github.spencerpark.ijava.runtime.Kernel.*;",
            "import static io.github.spencerpark.ijava.runtime.Magics.*;", "",
            "public void printf(String format, Object... args) {", "    System.out.printf(format, args);", "}");

    private final SnippetRunner runner = new SnippetRunner();
    private final JShell shell;
    private final List<String> startupScripts = new ArrayList<>();
    private final MagicParser magicParser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");
    private final Magics magics = new Magics();
    private final StringStyler styler = new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_BLACK_FG).addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_BLACK_FG).addHighlightStyle(TextColor.RED_BG)
            .withLinePrefix(TextColor.BOLD_BLACK_FG + "|   ").build();
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java").version(Runtime.version().toString())
            .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("java").build();

    /** Builds the JShell session and reads the startup environment variables. */
    public JavaKernel() {
        shell = JShell.builder().executionEngine(new ExecutionControlProvider() {
            public String name() {
                return "IJava";
            }

            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return runner;
            }
        }, Map.of()).build();
        // Cell code sees the kernel's own classes (IJava, the base library), as in IJava's single jar; the
        // snippet class loader asks the kernel's loader first, so jars added later share those classes.
        addGlobs(split(System.getProperty("java.class.path")), false);
        addGlobs(split(System.getenv(IJava.CLASSPATH_KEY)), false);
        startupScripts.add(DEFAULT_STARTUP);
        try {
            for (Path script : glob(split(System.getenv(IJava.STARTUP_SCRIPTS_KEY)), false)) {
                if (Files.isRegularFile(script) && Files.isReadable(script)) {
                    startupScripts.add(Files.readString(script));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Exception loading the startup scripts", e);
        }
        String script = System.getenv(IJava.STARTUP_SCRIPT_KEY);
        if (script != null) {
            startupScripts.add(script);
        }
        magics.registerLineMagic("jars", args -> addGlobs(args, true));
        magics.registerLineMagic("classpath", args -> addGlobs(args, false));
        magics.registerMagics(new Load(List.of(".jsh", ".jshell", ".java", ".ijava"), this::eval));
    }

    /** Adds a jar or folder to the classpath of cell code. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** The registry that {@code %name} and {@code %%name} calls are looked up in. */
    public Magics getMagics() {
        return magics;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return String.format("Java %s :: IJava kernel %s (LossLab test stand-in) \nProtocol v%s implementation by %s %s",
                Runtime.version(), IJava.VERSION, Header.PROTOCOL_VERISON,
                KERNEL_META.getOrDefault("project", "UNKNOWN"), KERNEL_META.getOrDefault("version", "UNKNOWN"));
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("Java tutorial", "https://docs.oracle.com/javase/tutorial/java/nutsandbolts/index.html"),
                new LanguageInfo.Help("IJava homepage", "https://github.com/SpencerPark/IJava"));
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object result = evalRaw(code);
        if (result == null) {
            return null;
        }
        return result instanceof DisplayData data ? data : getRenderer().render(result);
    }

    /** Runs a cell (magics included) and returns the value of its last expression, unrendered. */
    public Object evalRaw(String code) throws Exception {
        return evaluate(transformMagics(code));
    }

    private String transformMagics(String code) {
        CellMagicParseContext cell = magicParser.parseCellMagic(code);
        if (cell != null) {
            CellMagicArgs call = cell.getMagicCall();
            return "cellMagic(" + quote(call.getName()) + ",List.of(" + quote(call.getArgs()) + "),"
                    + quote(call.getBody()) + ");{};";
        }
        return magicParser.transformLineMagics(code, line -> {
            if (UNESCAPED_QUOTE.matcher(line.getLinePrefix()).results().count() % 2 == 1) {
                return line.getRaw(); // the % is inside a string literal
            }
            LineMagicArgs call = line.getMagicCall();
            return "lineMagic(" + quote(call.getName()) + ",List.of(" + quote(call.getArgs()) + "));{};";
        });
    }

    private static String quote(String text) {
        return "new String(Base64.getDecoder().decode(\"" + Base64.getEncoder().encodeToString(text.getBytes()) + "\"))";
    }

    private static String quote(List<String> texts) {
        return texts.stream().map(JavaKernel::quote).collect(Collectors.joining(","));
    }

    private Object evaluate(String code) throws Exception {
        if (!startupScripts.isEmpty()) { // run once, before the first cell; a failure stops the rest
            List<String> scripts = List.copyOf(startupScripts);
            startupScripts.clear();
            for (String script : scripts) {
                evaluate(script);
            }
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object result = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        for (; info.completeness().isComplete(); info = analysis.analyzeCompletion(info.remaining())) {
            result = evaluateSnippet(info.source());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new IncompleteSourceException(info.remaining().trim());
        }
        return result;
    }

    private Object evaluateSnippet(String source) throws Exception {
        List<SnippetEvent> events = shell.eval(source);
        Object result = null;
        for (SnippetEvent event : events) {
            if (event.value() != null) {
                Snippet.SubKind kind = event.snippet().subKind();
                Object value = kind.isExecutable() ? runner.takeResult(event.value()) : event.value();
                result = switch (kind) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                    default -> null;
                };
            }
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                JShellException failure = event.exception();
                if (failure instanceof EvalException e && SnippetRunner.INTERRUPTED.equals(e.getExceptionClassName())) {
                    throw new EvaluationInterruptedException(source.trim());
                } else if (failure != null) {
                    throw failure;
                } else if (!event.status().isDefined()) {
                    throw new CompilationException(event.snippet());
                }
            }
        }
        return result;
    }

    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof CompilationException compilation) {
            Snippet snippet = compilation.snippet;
            shell.diagnostics(snippet).forEach(d -> {
                lines.addAll(d.getStartPosition() >= 0 && d.getEndPosition() >= 0
                        ? styler.highlightSubstringLines(snippet.source(), (int) d.getStartPosition(), (int) d.getEndPosition())
                        : styler.primaryLines(snippet.source()));
                StringStyler.splitLines(d.getMessage(null)).stream().filter(l -> !l.trim().startsWith("location:"))
                        .map(styler::secondary).forEach(lines::add);
                lines.add("");
            });
            if (snippet instanceof DeclarationSnippet declaration) {
                lines.addAll(unresolved(declaration));
            }
        } else if (e instanceof IncompleteSourceException) {
            lines.add(styler.secondary("Incomplete input:"));
            lines.addAll(styler.primaryLines(e.getMessage()));
        } else if (e instanceof EvaluationInterruptedException interrupted) {
            lines.addAll(styler.primaryLines(interrupted.source));
            lines.add(styler.secondary("Evaluation interrupted."));
        } else if (e instanceof EvalException eval) { // the stack trace, under the user exception's real class name
            super.formatError(e).forEach(l -> lines.add(l.replace(EvalException.class.getName(), eval.getExceptionClassName())));
        } else if (e instanceof UnresolvedReferenceException unresolved) {
            lines.addAll(unresolved(unresolved.getSnippet()));
        } else {
            lines.addAll(super.formatError(e));
        }
        return lines;
    }

    private List<String> unresolved(DeclarationSnippet snippet) {
        List<String> names = shell.unresolvedDependencies(snippet).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        if (!names.isEmpty()) {
            lines.addAll(styler.primaryLines(snippet.source()));
            lines.add(styler.secondary("Unresolved dependencies:"));
            names.forEach(name -> lines.add(styler.secondary("   - " + name)));
        }
        return lines;
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        shell.close();
    }

    private static List<String> split(String paths) {
        return paths == null ? List.of() : List.of(PATH_SEPARATOR.split(paths));
    }

    private static List<Path> glob(List<String> globs, boolean filesOnly) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String glob : globs) {
            if (!glob.isBlank()) {
                GlobFinder finder = new GlobFinder(glob);
                (filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()).forEach(p -> paths.add(p.toAbsolutePath()));
            }
        }
        return paths;
    }

    /** Adds what {@code globs} match (only files if {@code filesOnly}) to the classpath; returns their paths. */
    private List<String> addGlobs(List<String> globs, boolean filesOnly) {
        try {
            List<String> paths = glob(globs, filesOnly).stream().map(Path::toString).collect(Collectors.toList());
            paths.forEach(this::addToClasspath);
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("Exception resolving jar glob", e);
        }
    }

    /** A snippet that did not compile; IJava reports its diagnostics. */
    private static final class CompilationException extends Exception {
        final transient Snippet snippet;

        CompilationException(Snippet snippet) {
            this.snippet = snippet;
        }
    }

    /** Code left over at the end of a cell that is not a complete snippet. */
    private static final class IncompleteSourceException extends Exception {
        IncompleteSourceException(String source) {
            super(source);
        }
    }

    /** A snippet stopped by an interrupt request. */
    private static final class EvaluationInterruptedException extends Exception {
        final String source;

        EvaluationInterruptedException(String source) {
            super("Evaluator was interrupted while executing: '" + source + "'");
            this.source = source;
        }
    }
}
