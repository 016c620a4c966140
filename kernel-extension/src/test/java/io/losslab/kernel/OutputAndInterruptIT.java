package io.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled kernel under a flood of output and repeated interrupts, driven through
 * {@code jupyter_client} as a front end drives it: every printed line arrives, in order, before
 * the idle status, and output too large to wait is cut with a line saying so; a printing endless
 * loop interrupted ten times gives the kernel back every time; deep recursion and an unknown magic
 * read as a few lines written for the user.
 */
class OutputAndInterruptIT {

    private static final int LINES = 20_000;
    private static final long SCRIPT_TIMEOUT_MINUTES = 5;

    @TempDir
    static Path work;

    private static JsonObject seen;

    @BeforeAll
    static void driveTheKernel() throws Exception {
        JupyterHarness jupyter = JupyterHarness.install(work);
        Path result = work.resolve("seen.json");
        jupyter.python(List.of(Path.of("src", "test", "python", "output_and_interrupt.py").toAbsolutePath().toString(),
                JupyterHarness.KERNEL_NAME, result.toString()), Map.of(), SCRIPT_TIMEOUT_MINUTES);
        seen = new Gson().fromJson(Files.readString(result), JsonObject.class);
    }

    private static List<String> lines(JsonElement traceback) {
        assertNotNull(traceback, "no error was shown");
        List<String> lines = new ArrayList<>();
        traceback.getAsJsonArray().forEach(line -> lines.addAll(List.of(line.getAsString().split("\n"))));
        return lines;
    }

    @Test
    void everyLineOfAFloodArrivesInOrder() {
        String expected = IntStream.range(0, LINES).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        String stdout = seen.getAsJsonObject("flood").get("stdout").getAsString();
        assertEquals(expected.length(), stdout.length(), "characters of stdout that arrived");
        assertEquals(expected, stdout);
    }

    @Test
    void theFloodEndsWithItsReplyAndIdleAndNothingAfter() {
        JsonObject flood = seen.getAsJsonObject("flood");
        assertEquals("ok", flood.get("reply").getAsString());
        assertTrue(flood.get("idle").getAsBoolean(), "the cell never went idle");
        assertEquals(0, flood.getAsJsonArray("after_idle").size(), "output after the idle status: " + flood.get("after_idle"));
    }

    @Test
    void outputBeyondWhatMayWaitIsCutWithALineSayingHowMuch() {
        JsonObject cut = seen.getAsJsonObject("cut");
        assertTrue(cut.get("only_x").getAsBoolean(), "stdout holds only what was printed");
        String stderr = cut.get("stderr").getAsString();
        Matcher note = Pattern.compile("\\[([0-9,]+) bytes of output dropped here: the cell printed more than 2 MB within 50 ms]\n")
                .matcher(stderr);
        long dropped = 0;
        int end = 0;
        while (note.find() && note.start() == end) {
            dropped += Long.parseLong(note.group(1).replace(",", ""));
            end = note.end();
        }
        assertTrue(end > 0 && end == stderr.length(), "stderr is a line for each flush that dropped output: " + stderr);
        assertEquals(cut.get("printed").getAsLong(), cut.get("stdout_length").getAsLong() + dropped,
                "shown and dropped add up to what was printed");
    }

    @Test
    void interruptingAPrintingLoopGivesTheKernelBackEveryTime() {
        List<JsonElement> interrupts = new ArrayList<>();
        seen.getAsJsonArray("interrupts").forEach(interrupts::add);
        assertEquals(10, interrupts.size());
        for (int i = 0; i < interrupts.size(); i++) {
            JsonObject run = interrupts.get(i).getAsJsonObject();
            assertTrue(run.get("printing").getAsBoolean(), "run " + i + ": the loop never printed");
            assertFalse(run.get("idle_seconds").isJsonNull(), "run " + i + ": no idle status after the interrupt");
            assertTrue(lines(run.get("traceback")).get(0).startsWith("Interrupted"), "run " + i + ": " + run.get("traceback"));
            assertFalse(run.get("next_result").isJsonNull(), "run " + i + ": 1 + 1 had no result after the interrupt");
            assertEquals("2", run.get("next_result").getAsString(), "run " + i);
        }
    }

    @Test
    void endlessRecursionShowsTheRepeatedFrameOnceAndHowManyWereLeftOut() {
        List<String> traceback = lines(seen.get("recursion"));
        assertEquals("java.lang.StackOverflowError", traceback.get(0));
        assertTrue(traceback.size() <= 5, "a folded trace is a few lines:\n" + String.join("\n", traceback));
        assertTrue(traceback.get(1).startsWith("    at f ("), traceback.toString());
        assertTrue(traceback.get(2).matches("    \\.\\.\\. [0-9,]+ more frames repeating the one above"), traceback.toString());
    }

    @Test
    void anUnknownMagicIsOneSentence() {
        assertEquals(List.of("there is no magic %nosuchmagic; %losslab lists LossLab's magics"), lines(seen.get("unknown_magic")));
    }
}
