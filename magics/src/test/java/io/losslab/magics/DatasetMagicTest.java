package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.DataSplits;
import io.losslab.data.LabeledData;
import io.losslab.data.LongTail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %dataset} on bundled data and on a file, and its answers to mistakes. */
class DatasetMagicTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    private Object run(String line) throws Exception {
        return magics.run("dataset", Arrays.asList(line.split(" ")), null, context);
    }

    @Test
    void loadsABundledSetBindsItAndShowsItsStatistics() throws Exception {
        RichText shown = (RichText) run("load digits as digitsT");
        LabeledData digits = Workspace.get("digitsT");
        assertEquals(1797, digits.size());
        assertEquals(digits, context.bound.get("digitsT"));
        assertTrue(shown.text().contains("1797 examples, 10 classes"), shown.text());
        assertTrue(shown.html().contains("<table>"), shown.html());
    }

    @Test
    void longTailKeepsTheProfilesCounts() throws Exception {
        run("load digits as base");
        run("longtail base rho=10 seed=3 as tail");
        LabeledData base = Workspace.get("base");
        LabeledData tail = Workspace.get("tail");
        long nMax = Arrays.stream(base.classCounts()).max().orElseThrow();
        long[] expected = LongTail.exponential(10).targetCounts(10, Math.min(nMax, base.classCounts()[0]));
        assertEquals(Arrays.stream(expected).sum(), tail.size());
        assertEquals(LongTail.exponential(10).apply(base, 3).size(), tail.size(), "the magic is the Java call");
        assertArrayEquals(LongTail.exponential(10).apply(base, 3).labels(), tail.labels());
    }

    @Test
    void splitsAreStratifiedAndBound() throws Exception {
        run("load iris as flowers");
        run("split flowers test=0.2 seed=1 as parts");
        DataSplits parts = Workspace.get("parts");
        assertEquals(120, parts.train().size());
        assertEquals(30, parts.test().size());
    }

    @Test
    void loadsACsvFileWithANamedLabel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, "a,kind,b\n1,x,2\n3,y,4\n5,x,6\n");
        RichText shown = (RichText) magics.run("dataset", List.of("load", file.toString(), "label=kind", "as", "tiny"), null, context);
        LabeledData tiny = Workspace.get("tiny");
        assertEquals(3, tiny.size());
        assertEquals(List.of("x", "y"), tiny.classNames());
        assertTrue(shown.text().contains("3 examples, 2 classes"), shown.text());
    }

    @Test
    void aLabelThatIsNoColumnIsRefusedWithTheColumnsThereAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, "a,kind,b\n1,x,2\n3,y,4\n");
        Exception e = assertThrows(io.losslab.data.MalformedDataException.class,
                () -> magics.run("dataset", List.of("load", file.toString(), "label=nosuch", "as", "tiny"), null, context));
        assertEquals(file + " has no column named 'nosuch'; its columns are [a, kind, b]", e.getMessage());
    }

    @Test
    void mistakesGiveOneSentenceAndTheUsage() {
        assertUsage("load", "missing what to load");
        assertUsage("fetch digits", "unknown subcommand 'fetch'");
        assertUsage("load digits colour=red as d", "unknown option 'colour'");
        assertUsage("load digits as 9lives", "'9lives' is not a Java variable name");
        assertUsage("load digits as String", "as String: 'String' is not a Java variable name (not a keyword, a literal such as null, var, or a java.lang type such as String)");
        assertUsage("longtail nothingBound rho=10 as x", "nothing is bound to 'nothingBound'");
        assertUsage("stats", "missing the dataset's name");
        assertUsage("load fashion-mnist label=3 as f",
                "label = 3: fashion-mnist comes with its own labels and takes no label option; label names a column of a file");
        assertUsage("load iris label=nosuch as f", "label = nosuch: iris comes with its own labels and takes no label option");
        assertUsage("longtail base rho=10 rho=20 as t", "option 'rho' is given twice");
    }

    @Test
    void badValuesAreNamed() throws Exception {
        run("load wine as grapes");
        assertUsage("longtail grapes rho=many as t", "rho = many is not a number");
        assertUsage("longtail grapes as t", "missing rho=R");
        assertUsage("longtail grapes rho=10 profile=zigzag as t", "profile = zigzag is not a profile");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("longtail grapes rho=0.5 as t"));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        assertCoreRefuses("longtail grapes rho=NaN as t", "rho must be a finite ratio n_max / n_min of at least 1, but is NaN");
        assertUsage("longtail grapes rho=10 head=0 as t", "head = 0 must be at least 1");
        assertUsage("longtail grapes rho=10 head=-3 as t", "head = -3 must be at least 1");
        assertCoreRefuses("split grapes test=1.5 as t", "test must be a fraction in [0, 1], but is 1.5");
        assertCoreRefuses("split grapes test=0.001 as t",
                "test = 0.001 leaves the test set empty: 0 of the 178 examples go to it (train 178, validation 0)");
        assertUsage("split grapes test=1 as t",
                "test = 1 leaves no examples for training; test and validation must add up to less than 1");
        assertUsage("split grapes test=0.5 validation=0.5 as t",
                "test = 0.5 with validation = 0.5 leaves no examples for training");
        Exception missing = assertThrows(io.losslab.data.DatasetNotFoundException.class, () -> run("load no/such/file.csv as f"));
        assertTrue(missing.getMessage().contains("file = no/such/file.csv does not exist"), missing.getMessage());
    }

    @Test
    void downloadOptionsAreChecked() {
        String url = "http://127.0.0.1:9/x.csv";
        assertUsage("load " + url + " timeout=soon as d", "timeout = soon is not a number");
        assertUsage("load " + url + " timeout=0 as d", "timeout = 0 is not a number of seconds from 0.001 to 86400 (a day)");
        assertUsage("load " + url + " timeout=-5 as d", "timeout = -5 is not a number of seconds");
        assertUsage("load " + url + " timeout=1e9 as d", "timeout = 1e9 is not a number of seconds");
        assertUsage("load " + url + " refresh=yes as d", "refresh = yes is not true or false");
        assertUsage("load digits timeout=5 as d", "timeout = 5: digits is not downloaded; timeout applies to an http(s) URL");
        assertUsage("load iris refresh=true as d", "refresh = true: iris is not downloaded; refresh applies to an http(s) URL");
        assertUsage("load http://127.0.0.1:9/a|b.csv as d", "SOURCE = http://127.0.0.1:9/a|b.csv is not a valid URL: "
                + "Illegal character in path at character 21");
        IllegalArgumentException ftp = assertThrows(IllegalArgumentException.class, () -> run("load ftp://127.0.0.1/x.csv as d"));
        assertEquals("ftp://127.0.0.1/x.csv: only http and https URLs can be downloaded", ftp.getMessage());
    }

    private void assertCoreRefuses(String line, String sentence) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(line));
        assertEquals(sentence, e.getMessage());
        assertFalse(context.bound.containsKey("t"), "nothing is bound: " + context.bound);
    }

    private void assertUsage(String line, String problem) {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> run(line));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n%losslab help dataset shows its usage."), "one line points to the usage: " + e.getMessage());
        assertEquals(2, e.getMessage().lines().count(), "the sentence and the pointer, not the whole usage: " + e.getMessage());
    }
}
