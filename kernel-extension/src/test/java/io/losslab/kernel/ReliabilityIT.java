package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, broken files, misbehaving servers, interrupts and restarts against the bundled kernel
 * in a real Jupyter session. One kernel runs the cases in sequence, driven by
 * {@code reliability_check.py} through the pinned {@code jupyter_client}; a loopback HTTP server
 * plays the servers. Each case is one dynamic test: what it showed must be one short sentence that
 * names the bad argument or value, with no Java internals, nothing bound, no partial download left
 * in the cache, and the kernel must answer {@code 1 + 1} afterwards.
 */
class ReliabilityIT {

    private static final long RUN_MINUTES = 15;
    /** The kernel's heap: small enough that filling it is quick and harmless to the machine. */
    private static final String KERNEL_HEAP = "-Xmx2g";
    private static final String MAIN = "main";
    private static final int MAX_SENTENCE_CHARS = 300;
    private static final Pattern HELP_LINE = Pattern.compile("%losslab help [\\w-]+ shows its usage\\.");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("[A-Z]\\w*(Exception|Error)\\b");
    private static final Pattern FRAME = Pattern.compile("(?m)^\\s*at [\\w.$<>]+\\(");
    /** What the kernel is made of, which no error may show. */
    private static final List<String> KERNEL_INTERNALS = List.of("jdk.jshell", "io.github.spencerpark",
            "io.losslab.kernel.bundled", "\tat ");
    /** The cells every kernel of the run starts with, and starts with again after a restart. */
    private static final List<String> SETUP = List.of("%dataset load iris as iris", "%dataset split iris test=0.3 as irisS");
    private static final List<String> SPECIES = List.of("setosa", "virginica", "versicolor");
    /** What a server sends instead of the file when it wants a login, with status 200. */
    private static final String SIGN_IN_PAGE = "<!DOCTYPE html><html><body><p>Sign in to download</p></body></html>\n";
    /** What the loopback server serves: 30 rows, 10 of each of three classes. */
    private static final String CSV = "sepal,petal,species\n" + IntStream.range(0, 30)
            .mapToObj(i -> (i % 7) + "." + i % 10 + "," + (i % 3) * 2 + ".5," + SPECIES.get(i % 3))
            .collect(Collectors.joining("\n", "", "\n"));

    @TempDir
    static Path work;

    private static LoopbackServer server;
    private static List<Case> cases;
    private static Map<String, JsonObject> reports;

    @BeforeAll
    static void runCases() throws Exception {
        server = LoopbackServer.start();
        Path cache = work.resolve("cache");
        cases = cases(BrokenFiles.write(work), server, JupyterHarness.freePort());
        Path plan = work.resolve("plan.json");
        Files.writeString(plan, plan(cases, cache).toString());
        Path report = work.resolve("report.json");
        JupyterHarness.install(work).python(List.of(
                Path.of("src", "test", "python", "reliability_check.py").toAbsolutePath().toString(),
                JupyterHarness.KERNEL_NAME, plan.toString(), report.toString()),
                Map.of("LOSSLAB_CACHE_DIR", cache.toString(), "JAVA_TOOL_OPTIONS", KERNEL_HEAP,
                        // Maven takes its settings from the home folder the JVM is told, not from HOME.
                        "MAVEN_OPTS", "-Duser.home=" + mavenHome(server.url("maven"))), RUN_MINUTES);
        // Kept beside the build's other reports: it holds every case's cells and outputs in full.
        Files.copy(report, Path.of("target", "reliability-report.json"), StandardCopyOption.REPLACE_EXISTING);
        reports = new HashMap<>();
        for (JsonElement each : new Gson().fromJson(Files.readString(report), JsonObject.class).getAsJsonArray("cases")) {
            reports.put(each.getAsJsonObject().get("name").getAsString(), each.getAsJsonObject());
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFailsInOneSentenceAndTheKernelGoesOn() {
        return cases.stream().map(each -> DynamicTest.dynamicTest(each.name(), () -> {
            JsonObject report = reports.get(each.name());
            assertNotNull(report, each.name() + " was not run; see the driver's output");
            Outcome outcome = new Outcome(report);
            try {
                for (Check check : each.checks()) {
                    check.verify(outcome);
                }
                answersAfterwards(outcome);
                noPartialDownloadIsLeft(outcome);
            } catch (AssertionError failure) {
                // Reports list dynamic tests by number; the case's name says which one failed.
                throw new AssertionError(each.name() + ": " + failure.getMessage(), failure);
            }
        }));
    }

    // --- the cases ----------------------------------------------------------------------------

    private static List<Case> cases(BrokenFiles files, LoopbackServer http, int closedPort) {
        List<Case> all = new ArrayList<>();
        all.addAll(datasetCases());
        all.addAll(bindNameCases());
        all.addAll(trainingCases());
        all.addAll(otherMagicCases());
        all.addAll(fileCases(files));
        all.addAll(downloadCases(http, closedPort));
        all.addAll(stalledRepositoryCases());
        all.addAll(sessionCases());
        return all;
    }

    /** %maven with the kernel's Maven pointed at a repository on the loopback server that never answers. */
    private static List<Case> stalledRepositoryCases() {
        String coordinate = "org.tribuo:tribuo-core:4.3.2";
        return List.of(
                scenario("maven-stalled-repository-times-out", List.of(cell(MAIN, "%maven " + coordinate + " timeout=4", 40)),
                        refused(word("timeout=")), finishesWithin(MAIN, 4 + 8), nothingBound()),
                scenario("maven-stalled-repository-interrupted", List.of(interrupted(MAIN, "%maven " + coordinate, 4, 40)),
                        refused(word("interrupted")), finishesWithin(MAIN, 4 + 8), nothingBound()));
    }

    /**
     * A home for the kernel's Maven whose settings send every request to {@code repository}, with
     * a local repository of its own, so that nothing reaches the user's.
     */
    private static Path mavenHome(String repository) throws IOException {
        Path home = work.resolve("maven-home");
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2").resolve("settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>stalled</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(home.resolve("repository"), repository));
        return home;
    }

    private static List<Case> datasetCases() {
        return List.of(
                refusal("split-test-0", "%dataset split iris test=0 as cut", option("test", "0")),
                refusal("split-test-0.001", "%dataset split iris test=0.001 as cut", option("test", "0.001")),
                refusal("split-test-1", "%dataset split iris test=1 as cut", option("test", "1")),
                refusal("split-test-1.5", "%dataset split iris test=1.5 as cut", option("test", "1.5")),
                refusal("split-test-abc", "%dataset split iris test=abc as cut", option("test", "abc")),
                refusal("split-already-split", "%dataset split irisS as cut", word("irisS")),
                refusal("split-option-twice", "%dataset split iris test=0.2 test=0.3 as cut", word("test"), word("twice")),
                refusal("longtail-rho-NaN", "%dataset longtail iris rho=NaN as tail", option("rho", "NaN")),
                refusal("longtail-rho-0.5", "%dataset longtail iris rho=0.5 as tail", option("rho", "0.5")),
                refusal("longtail-head-0", "%dataset longtail iris rho=10 head=0 as tail", option("head", "0")),
                refusal("longtail-head-minus-3", "%dataset longtail iris rho=10 head=-3 as tail", option("head", "-3")),
                refusal("longtail-no-rho", "%dataset longtail iris as tail", word("rho")),
                refusal("longtail-profile-zigzag", "%dataset longtail iris rho=10 profile=zigzag as tail", option("profile", "zigzag")),
                refusal("load-label-on-fashion-mnist", "%dataset load fashion-mnist label=3 as fashion", option("label", "3")),
                refusal("load-label-nosuch-on-iris", "%dataset load iris label=nosuch as flowers", option("label", "nosuch")),
                refusal("load-unknown-option", "%dataset load iris colour=red as flowers", word("colour")),
                refusal("load-without-source", "%dataset load as flowers", word("load")),
                refusal("dataset-unknown-subcommand", "%dataset frobnicate iris", word("frobnicate")),
                refusal("dataset-stats-unbound", "%dataset stats nosuchdata", word("nosuchdata")));
    }

    private static List<Case> bindNameCases() {
        return Stream.of("String", "class", "int", "null", "true", "1abc")
                .map(name -> refusal("load-as-" + name, "%dataset load iris as " + name, bindName(name)))
                .toList();
    }

    private static List<Case> trainingCases() {
        return List.of(
                scenario("train-without-body", List.of(cell(MAIN, "%%train irisS", 120)), ReliabilityIT::finishesOrRefusesCleanly),
                refusal("train-unbound-data", "%%train nosuchdata as model\nepochs = 1", word("nosuchdata")),
                refusal("train-epochs-1e12", "%%train irisS as model\nepochs = 1e12", option("epochs", "1e12")),
                refusal("train-epochs-0", "%%train irisS as model\nepochs = 0", option("epochs", "0")),
                refusal("train-activation-tanh", "%%train irisS as model\nactivation = tanh", option("activation", "tanh")),
                refusal("train-unknown-loss", "%%train irisS as model\nloss = nosuchloss", word("nosuchloss")),
                refusal("train-model-mlp-abc", "%%train irisS as model\nmodel = mlp(abc)", word("abc")),
                refusal("train-lr-negative", "%%train irisS as model\nlr = -1", option("lr", "-1")),
                refusal("train-option-twice", "%%train irisS as model\nepochs = 2\nepochs = 3", word("epochs"), word("twice")),
                refusal("train-as-int", "%%train irisS as int\nepochs = 1", bindName("int")),
                refusal("compare-post-hoc-tau-abc", "%%compare irisS as table\nepochs = 1\nce with post-hoc tau=abc",
                        option("tau", "abc")),
                refusal("compare-without-test-set", "%%compare iris as table\nepochs = 1\nce", word("iris")),
                refusal("compare-unknown-loss", "%%compare irisS as table\nepochs = 1\nnosuchloss", word("nosuchloss")),
                scenario("diffusion-as-class", List.of(cell(MAIN, "%diffusion two-moons steps=200 as class", 120)),
                        refused(bindName("class")), nothingBound(), ReliabilityIT::refusedBeforeWorking),
                refusal("diffusion-unknown-set", "%diffusion nosuchset as flow", word("nosuchset")),
                refusal("diffusion-steps-0", "%diffusion two-moons steps=0 as flow", option("steps", "0")),
                refusal("diffusion-sampler-magic", "%diffusion two-moons sampler=magic as flow", option("sampler", "magic")));
    }

    private static List<Case> otherMagicCases() {
        return List.of(
                refusal("lossplot-counts-0-0", "%lossplot ce counts=0,0", option("counts", "0")),
                refusal("lossplot-counts-minus-5-3", "%lossplot ce counts=-5,3", option("counts", "-5")),
                refusal("lossplot-counts-abc", "%lossplot ce counts=abc", option("counts", "abc")),
                refusal("lossplot-class-5", "%lossplot ce class=5", option("class", "5")),
                refusal("lossplot-unknown-loss", "%lossplot nosuchloss", word("nosuchloss")),
                refusal("unknown-magic", "%nosuchmagic", word("nosuchmagic")),
                refusal("losslab-help-unknown", "%losslab help nosuchmagic", word("nosuchmagic")),
                refusal("losslab-unexpected-words", "%losslab frob", word("frob")),
                refusal("device-unknown-backend", "%device gpu9", word("gpu9")),
                refusal("jars-nothing-matches", "%jars no-such-folder/*.jar", word("no-such-folder/*.jar")),
                refusal("maven-malformed-coordinate", "%maven not-a-coordinate", word("not-a-coordinate")),
                scenario("maven-timeout-abc", List.of(cell(MAIN, "%maven org.tribuo:tribuo-core:4.3.2 timeout=abc", 60)),
                        refused(option("timeout", "abc")), doesNotSay("artifact = timeout"), nothingBound()));
    }

    private static List<Case> fileCases(BrokenFiles files) {
        return List.of(
                refusal("load-directory", "%load " + files.folder(), word(files.folder().toString()),
                        new Mention("that it is a folder", Pattern.compile("(?i)folder|directory"))),
                refusal("load-missing-file", "%load " + files.missing(), fileName(files.missing())),
                refusal("classpath-text-file", "%classpath " + files.text(), fileName(files.text())),
                refusal("csv-missing", load(files.missing()), fileName(files.missing())),
                refusal("csv-unknown-extension", load(files.unknownExtension()), fileName(files.unknownExtension())),
                refusal("csv-empty", load(files.emptyCsv()), fileName(files.emptyCsv())),
                refusal("csv-header-only", load(files.headerOnlyCsv()), fileName(files.headerOnlyCsv())),
                refusal("csv-20-mb-line", load(files.longLineCsv()), fileName(files.longLineCsv())),
                refusal("csv-duplicate-columns", load(files.duplicateColumnsCsv()), word("width")),
                refusal("libsvm-feature-index-100000000", load(files.hugeIndexLibSvm()), word("100000000")),
                refusal("arff-bad-attribute", load(files.badAttributeArff()), word("banana")),
                scenario("idx-header-announces-2-gb", List.of(cell(MAIN, "IdxLoader.load(" + javaPath(files.hugeIdx()) + ", "
                        + javaPath(files.hugeIdx()) + ")", 60)), shownAsJavaError(3, fileName(files.hugeIdx()))));
    }

    private static List<Case> downloadCases(LoopbackServer http, int closedPort) {
        String flaky = http.url("html-first.csv");
        String counted = http.url("counted.csv");
        return List.of(
                refusal("url-404", load(http.url("missing.csv")), word("404")),
                refusal("url-500", load(http.url("broken.csv")), word("500")),
                refusal("url-shorter-than-content-length", load(http.url("short.csv")), word("short.csv")),
                refusal("url-cut-short-without-length", load(http.url("cut.csv")), word("cut.csv")),
                scenario("url-html-page-is-not-cached", List.of(cell(MAIN, load(flaky), 60),
                        cell("not-bound", "Workspace.names().contains(\"loaded\")", 30),
                        cell("after-fix", "%dataset load " + flaky + " as fixed", 60),
                        cell("fixed-rows", "fixed.size()", 30)),
                        refused(word("html-first.csv")), result("not-bound", "false"), ok("after-fix"), result("fixed-rows", "30")),
                scenario("url-refresh-downloads-again", List.of(cell("first", "%dataset load " + counted + " as first", 60),
                        cell("cached", "%dataset load " + counted + " as cached", 60),
                        cell(MAIN, "%dataset load " + counted + " refresh=true as refreshed", 60)),
                        ok("first"), ok("cached"), ok(MAIN), outcome -> assertEquals(2, http.hits("counted.csv"),
                                "the server is asked once, then again for refresh=true")),
                scenario("url-stalled-server-times-out",
                        List.of(cell(MAIN, "%dataset load " + http.url("stall.csv") + " timeout=2 as stalled", 30)),
                        refused(word("timeout=")), nothingBound(), finishesWithin(MAIN, 10)),
                scenario("url-stalled-server-interrupted",
                        List.of(interrupted(MAIN, "%dataset load " + http.url("stall-interrupted.csv") + " as stalled", 2, 30)),
                        ReliabilityIT::interruptedInOneLine, finishesWithin(MAIN, 2 + 8), nothingBound()),
                refusal("url-connection-refused", load("http://127.0.0.1:" + closedPort + "/x.csv"),
                        word("127.0.0.1:" + closedPort)),
                refusal("url-unknown-host", load("http://nosuch.invalid/x.csv"), word("nosuch.invalid")),
                refusal("url-ftp", load("ftp://127.0.0.1/x.csv"), word("ftp://127.0.0.1/x.csv")),
                refusal("url-timeout-0", "%dataset load " + http.url("iris.csv") + " timeout=0 as never",
                        option("timeout", "0")));
    }

    private static List<Case> sessionCases() {
        String allocate = "long[][] a = new long[100000][];\nfor (int i = 0; i < a.length; i++) a[i] = new long[1_000_000];";
        String shortTraining = "%%train irisS as twin\nepochs = 200";
        return List.of(
                scenario("out-of-memory", List.of(cell(MAIN, allocate, 120)),
                        shownAsJavaError(1, new Mention("memory", Pattern.compile("(?i)memory")))),
                scenario("infinite-recursion", List.of(cell(MAIN, "int down(int n) { return down(n + 1) + 1; }\ndown(0)", 60)),
                        shownAsJavaError(12, word("StackOverflowError"))),
                scenario("two-kernels-train-at-once", List.of(besideSecondKernel(MAIN, shortTraining, SETUP, shortTraining, 240)),
                        ok(MAIN), ok(MAIN + "-second-kernel")),
                scenario("restart-answers", List.of(cell("before", "int kept = 7;", 30), restart("restart"),
                        cell(MAIN, "irisS.train().size()", 30)),
                        ok("before"), outcome -> assertNotNull(outcome.step("restart"), "the kernel was restarted"),
                        result(MAIN, "105")),
                scenario("train-interrupted-keeps-model", List.of(
                        interrupted(MAIN, "%%train irisS as partial\nmodel = mlp(64)\nepochs = 1000000", 5, 60),
                        cell("after", "partial.interrupted()", 30)),
                        ReliabilityIT::interruptedOrStoppedEarly, result("after", "true")),
                scenario("diffusion-interrupted-keeps-model", List.of(
                        interrupted(MAIN, "%diffusion two-moons steps=1000000 as drift", 12, 90),
                        cell("after", "drift.interrupted() && drift.stepsTrained() > 0", 30)),
                        ReliabilityIT::interruptedOrStoppedEarly, result("after", "true")));
    }

    // --- what a case is -----------------------------------------------------------------------

    /** One case: its steps, in order, and what must hold afterwards. */
    private record Case(String name, List<JsonObject> steps, List<Check> checks) {
    }

    /** One thing that must hold for a case. */
    @FunctionalInterface
    private interface Check {
        void verify(Outcome outcome);
    }

    /** Something a message must name, and the pattern that finds it. */
    private record Mention(String what, Pattern pattern) {
    }

    private static Case scenario(String name, List<JsonObject> steps, Check... checks) {
        return new Case(name, steps, List.of(checks));
    }

    /** A one-cell case that must be refused, naming each mention, and bind nothing. */
    private static Case refusal(String name, String code, Mention... mentions) {
        return scenario(name, List.of(cell(MAIN, code, 60)), refused(mentions), nothingBound());
    }

    private static String javaPath(Path file) {
        return "java.nio.file.Path.of(\"" + file + "\")";
    }

    private static Mention fileName(Path file) {
        return word(file.getFileName().toString());
    }

    private static String load(Object source) {
        return "%dataset load " + source + " as loaded";
    }

    /**
     * A pattern for a sentence that names option {@code key} as the user typed it and {@code value}
     * as a whole token ({@code 0} is not found in {@code 150}), in either order.
     */
    private static Mention option(String key, String value) {
        String name = "(?<![\\w-])" + Pattern.quote(key) + "(?![\\w-])";
        String token = "(?<![\\w.-])" + Pattern.quote(value) + "(?![\\w.])";
        return new Mention("option " + key + " and its value " + value,
                Pattern.compile("(?s)(?=.*" + name + ")(?=.*" + token + ")"));
    }

    private static Mention word(String text) {
        return new Mention("'" + text + "'", Pattern.compile(Pattern.quote(text)));
    }

    private static Mention bindName(String name) {
        return new Mention("as " + name, Pattern.compile("as " + Pattern.quote(name) + "(?![\\w.])"));
    }

    private static JsonObject cell(String label, String code, double timeoutSeconds) {
        JsonObject step = new JsonObject();
        step.addProperty("label", label);
        step.addProperty("code", code);
        step.addProperty("timeout", timeoutSeconds);
        return step;
    }

    private static JsonObject interrupted(String label, String code, double afterSeconds, double timeoutSeconds) {
        JsonObject step = cell(label, code, timeoutSeconds);
        step.addProperty("interrupt_after", afterSeconds);
        return step;
    }

    private static JsonObject besideSecondKernel(String label, String code, List<String> secondSetup, String secondCode,
            double timeoutSeconds) {
        JsonObject step = cell(label, code, timeoutSeconds);
        step.add("second_kernel_setup", new Gson().toJsonTree(secondSetup));
        step.addProperty("second_kernel_code", secondCode);
        return step;
    }

    private static JsonObject restart(String label) {
        JsonObject step = new JsonObject();
        step.addProperty("label", label);
        step.addProperty("action", "restart");
        return step;
    }

    private static JsonObject plan(List<Case> all, Path cache) {
        JsonObject plan = new JsonObject();
        plan.add("setup", new Gson().toJsonTree(SETUP));
        plan.addProperty("cache", cache.toString());
        JsonArray planned = new JsonArray();
        for (Case each : all) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", each.name());
            JsonArray steps = new JsonArray();
            each.steps().forEach(steps::add);
            entry.add("steps", steps);
            planned.add(entry);
        }
        plan.add("cases", planned);
        return plan;
    }

    // --- the checks ---------------------------------------------------------------------------

    /** The main cell was refused with one short sentence that names every mention. */
    private static Check refused(Mention... mentions) {
        return outcome -> {
            String sentence = oneSentence(outcome, MAIN);
            for (Mention mention : mentions) {
                assertTrue(mention.pattern().matcher(sentence).find(),
                        "the sentence should name " + mention.what() + ":\n" + sentence);
            }
        };
    }

    /** The names magics bound are the same after the case as before. */
    private static Check nothingBound() {
        return outcome -> {
            assertNotNull(outcome.text("names_before"), "the kernel lists the bound names");
            assertEquals(outcome.text("names_before"), outcome.text("names_after"), "a refused magic binds nothing");
        };
    }

    /** The main cell's message does not say {@code text}, which would misread what the user typed. */
    private static Check doesNotSay(String text) {
        return outcome -> assertFalse(outcome.errorText(MAIN).contains(text),
                "the message misreads the input as '" + text + "':\n" + outcome.errorText(MAIN));
    }

    /** The first line of the step's error, after checking that the error is one short sentence. */
    private static String oneSentence(Outcome outcome, String label) {
        String shown = outcome.errorText(label);
        List<String> lines = shown.lines().toList();
        assertTrue(lines.size() == 1 || lines.size() == 2 && HELP_LINE.matcher(lines.get(1)).matches(),
                "one sentence, and at most the line pointing to the usage:\n" + shown);
        assertTrue(shown.length() <= MAX_SENTENCE_CHARS, "at most " + MAX_SENTENCE_CHARS + " characters, not "
                + shown.length() + ":\n" + shorten(shown));
        assertNoInternals(shown);
        assertNoInternals(outcome.error(label).get("evalue").getAsString());
        assertFalse(EXCEPTION_NAME.matcher(shown).find(), "no exception class names:\n" + shown);
        return lines.get(0);
    }

    /** No kernel internals, no java.lang class and no stack frame: what a magic's refusal must not show. */
    private static void assertNoInternals(String shown) {
        assertNoKernelInternals(shown);
        assertFalse(shown.contains("java.lang."), "Java classes shown to the user:\n" + shorten(shown));
        assertFalse(FRAME.matcher(shown).find(), "stack frames shown to the user:\n" + shorten(shown));
    }

    private static void assertNoKernelInternals(String shown) {
        for (String internal : KERNEL_INTERNALS) {
            assertFalse(shown.contains(internal), "kernel internals shown to the user (" + internal + "):\n" + shorten(shown));
        }
    }

    /**
     * An error of the user's own Java code: shown with its type, which the user needs, but in at most
     * {@code maxLines} lines, short, with none of the kernel's frames, and matching {@code mention}.
     */
    private static Check shownAsJavaError(int maxLines, Mention mention) {
        return outcome -> {
            String shown = outcome.errorText(MAIN);
            assertTrue(shown.lines().count() <= maxLines, "at most " + maxLines + " lines, not " + shown.lines().count()
                    + ":\n" + shorten(shown));
            assertTrue(shown.lines().allMatch(line -> line.length() <= MAX_SENTENCE_CHARS), "short lines:\n" + shorten(shown));
            assertNoKernelInternals(shown);
            assertTrue(mention.pattern().matcher(shown).find(), "the error should name " + mention.what() + ":\n" + shorten(shown));
        };
    }

    /** A cell that may train with its defaults, or refuse in one sentence, but nothing else. */
    private static void finishesOrRefusesCleanly(Outcome outcome) {
        if (!outcome.step(MAIN).get("error").isJsonNull()) {
            oneSentence(outcome, MAIN);
        } else {
            ok(MAIN).verify(outcome);
        }
    }

    /** Nothing was shown before the refusal: no figure, no progress, no training. */
    private static void refusedBeforeWorking(Outcome outcome) {
        JsonArray outputs = outcome.step(MAIN).getAsJsonArray("outputs");
        assertEquals(1, outputs.size(), "only the refusal is shown, before any work: " + shorten(outputs.toString()));
    }

    /** The stop button gave the one-line notice that the cell was stopped. */
    private static void interruptedInOneLine(Outcome outcome) {
        String shown = outcome.errorText(MAIN);
        assertTrue(shown.startsWith("Interrupted"), "the cell says it was stopped:\n" + shorten(shown));
        assertEquals(1, shown.lines().count(), "one line:\n" + shorten(shown));
        assertNoInternals(shown);
    }

    /** A magic that keeps its work when stopped ends without an error or with the interrupt notice. */
    private static void interruptedOrStoppedEarly(Outcome outcome) {
        assertTrue(outcome.step(MAIN).get("interrupted").getAsBoolean(), "the driver interrupted the cell");
        if (!outcome.step(MAIN).get("error").isJsonNull()) {
            interruptedInOneLine(outcome);
        }
    }

    private static Check finishesWithin(String label, double seconds) {
        return outcome -> {
            double elapsed = outcome.step(label).get("elapsed").getAsDouble();
            assertTrue(outcome.step(label).get("idle").getAsBoolean() && elapsed <= seconds,
                    label + " should be over within " + seconds + " s; it took " + elapsed + " s");
        };
    }

    private static Check ok(String label) {
        return outcome -> {
            JsonObject step = outcome.step(label);
            assertEquals("ok", stringOrNull(step.get("status")), label + " should succeed: "
                    + shorten(String.valueOf(step.get("error"))));
        };
    }

    private static Check result(String label, String expected) {
        return outcome -> {
            ok(label).verify(outcome);
            assertEquals(expected, stringOrNull(outcome.step(label).get("result")), label + " shows its value");
        };
    }

    /** Every cell of the case ended, and then the same kernel answered 1 + 1. */
    private static void answersAfterwards(Outcome outcome) {
        for (JsonElement step : outcome.report.getAsJsonArray("steps")) {
            JsonObject cell = step.getAsJsonObject();
            if (cell.has("code")) {
                assertTrue(cell.get("idle").getAsBoolean(), cell.get("label").getAsString() + " never ended: "
                        + (cell.has("died") ? "the kernel died" : "no idle status within " + cell.get("elapsed") + " s"));
            }
        }
        assertFalse(outcome.report.get("restarted").getAsBoolean(), "the kernel stopped answering and had to be started again");
        assertEquals("2", stringOrNull(outcome.report.getAsJsonObject("alive").get("result")), "1 + 1 after the case");
    }

    private static void noPartialDownloadIsLeft(Outcome outcome) {
        for (JsonElement file : outcome.report.getAsJsonArray("cache_files")) {
            assertFalse(file.getAsString().endsWith(".part"), "a partial download is left in the cache: " + file);
        }
    }

    private static String stringOrNull(JsonElement element) {
        return element == null || element.isJsonNull() ? null : element.getAsString();
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + " … (" + text.length() + " characters)";
    }

    /** What the driver recorded for one case. */
    private record Outcome(JsonObject report) {

        JsonObject step(String label) {
            for (JsonElement step : report.getAsJsonArray("steps")) {
                if (step.getAsJsonObject().get("label").getAsString().equals(label)) {
                    return step.getAsJsonObject();
                }
            }
            throw new AssertionError("no step " + label + " in " + report.get("name"));
        }

        JsonObject error(String label) {
            JsonElement error = step(label).get("error");
            assertTrue(error != null && !error.isJsonNull(), label + " should fail, but showed: "
                    + shorten(step(label).get("outputs").toString()));
            return error.getAsJsonObject();
        }

        /** The error's traceback as the notebook shows it, one line each. */
        String errorText(String label) {
            List<String> lines = new ArrayList<>();
            error(label).getAsJsonArray("traceback").forEach(line -> lines.add(line.getAsString()));
            return String.join("\n", lines);
        }

        String text(String field) {
            return stringOrNull(report.get(field));
        }
    }

    // --- the files and the server -------------------------------------------------------------

    /** The broken and odd files the cases load, written once into the test's folder. */
    private record BrokenFiles(Path folder) {

        static BrokenFiles write(Path work) throws IOException {
            BrokenFiles files = new BrokenFiles(Files.createDirectories(work.resolve("files")));
            Files.writeString(files.text(), "plain notes, not a jar\n");
            Files.writeString(files.unknownExtension(), CSV);
            Files.writeString(files.emptyCsv(), "");
            Files.writeString(files.headerOnlyCsv(), "sepal,petal,species\n");
            byte[] longLine = new byte[20 * 1024 * 1024];
            Arrays.fill(longLine, (byte) '7');
            Files.write(files.longLineCsv(), longLine);
            Files.writeString(files.duplicateColumnsCsv(), "width,width,species\n1,2,a\n3,4,b\n5,6,a\n");
            Files.writeString(files.hugeIndexLibSvm(), "1 100000000:1.5\n0 1:1\n");
            // An unsigned-byte IDX vector of 2,000,000,000 entries, followed by two of them.
            Files.write(files.hugeIdx(), new byte[] {0, 0, 8, 1, 0x77, 0x35, (byte) 0x94, 0, 1, 2});
            Files.writeString(files.badAttributeArff(), "@relation flowers\n@attribute width banana\n"
                    + "@attribute species {a,b}\n@data\n1,a\n2,b\n");
            return files;
        }

        Path text() {
            return folder.resolve("notes.txt");
        }

        Path missing() {
            return folder.resolve("no-such-file.csv");
        }

        Path unknownExtension() {
            return folder.resolve("flowers.xyz");
        }

        Path emptyCsv() {
            return folder.resolve("empty.csv");
        }

        Path headerOnlyCsv() {
            return folder.resolve("header-only.csv");
        }

        Path longLineCsv() {
            return folder.resolve("long-line.csv");
        }

        Path duplicateColumnsCsv() {
            return folder.resolve("duplicate-columns.csv");
        }

        Path hugeIndexLibSvm() {
            return folder.resolve("huge-index.libsvm");
        }

        Path hugeIdx() {
            return folder.resolve("huge-header.idx");
        }

        Path badAttributeArff() {
            return folder.resolve("bad-attribute.arff");
        }
    }

    /**
     * A loopback HTTP server that misbehaves by file name: missing.csv is 404, broken.csv 500,
     * short.csv sends less than its Content-Length, cut.csv breaks off a chunked body,
     * html-first.csv is an HTML page the first time and the CSV after, stall*.csv and anything under maven/ never answer;
     * any other name is the CSV. It counts the requests for each name.
     */
    private static final class LoopbackServer {

        private final HttpServer server;
        private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        private final CountDownLatch stopping = new CountDownLatch(1);

        private LoopbackServer(HttpServer server) {
            this.server = server;
        }

        static LoopbackServer start() throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackServer loopback = new LoopbackServer(http);
            http.createContext("/", loopback::answer);
            http.setExecutor(Executors.newCachedThreadPool());
            http.start();
            return loopback;
        }

        String url(String file) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
        }

        int hits(String file) {
            return hits.getOrDefault(file, new AtomicInteger()).get();
        }

        void stop() {
            stopping.countDown();
            server.stop(0);
        }

        private void answer(HttpExchange exchange) throws IOException {
            String file = exchange.getRequestURI().getPath().substring(1);
            int hit = hits.computeIfAbsent(file, name -> new AtomicInteger()).incrementAndGet();
            byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
            switch (file) {
                case "missing.csv" -> send(exchange, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8));
                case "broken.csv" -> send(exchange, 500, "text/plain", "the server broke".getBytes(StandardCharsets.UTF_8));
                case "short.csv" -> breakOff(exchange, csv.length * 10L, csv);
                case "cut.csv" -> breakOff(exchange, 0, csv);
                case "html-first.csv" -> send(exchange, 200, hit == 1 ? "text/html" : "text/csv",
                        hit == 1 ? SIGN_IN_PAGE.getBytes(StandardCharsets.UTF_8) : csv);
                case "stall.csv", "stall-interrupted.csv" -> stall(exchange);
                default -> {
                    if (file.startsWith("maven/")) {
                        stall(exchange);
                    } else {
                        send(exchange, 200, "text/csv", csv);
                    }
                }
            }
        }

        private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        /**
         * Sends part of the body and drops the connection: {@code length} 0 means a chunked body,
         * which then lacks its last chunk; any other length is more than is sent.
         */
        private static void breakOff(HttpExchange exchange, long length, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            // An exception from a handler makes the server close the connection without ending the body.
            throw new IOException("the body is broken off on purpose");
        }

        /** Accepts the request and sends nothing until the server stops. */
        private void stall(HttpExchange exchange) {
            try {
                stopping.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }
    }
}
