package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.experiment.ComparisonTable;
import io.losslab.plot.Figure;
import io.losslab.train.NdModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code %%train} and {@code %%compare} on the bundled digits, small enough to run in seconds. */
class TrainingMagicsTest {

    private final MagicRegistry magics = MagicRegistry.standard();
    private final RecordingContext context = new RecordingContext();

    @BeforeEach
    void digitsSplit() throws Exception {
        context.loadDigitsSplit(magics);
    }

    @Test
    void trainBindsAModelAndReportsTestMetrics() throws Exception {
        RichText summary = (RichText) magics.run("train", List.of("digitsSplit", "as", "digitsModel"), """
                loss = focal(gamma=2)   # a comment
                model = linear
                epochs = 3
                lr = 0.01
                """, context);
        NdModel model = Workspace.get("digitsModel");
        assertEquals("focal(gamma=2)", model.lossSpec());
        assertEquals(3, model.epochsCompleted());
        assertTrue(summary.text().contains("balanced accuracy"), summary.text());
        assertTrue(context.displayed.stream().anyMatch(Figure.class::isInstance), "the training curves were shown");
        assertTrue(context.displayed.stream().anyMatch(d -> d instanceof RichText t && t.text().contains("100%")),
                "the progress bar ends full: " + context.displayed);
    }

    @Test
    void compareGivesOneRowPerLineAndTheFigures() throws Exception {
        RichText table = (RichText) magics.run("compare", List.of("digitsSplit", "as", "digitsResults"), """
                model = linear
                epochs = 2
                lr = 0.01
                ce
                logit-adjusted(tau=1)
                ce with post-hoc tau=1
                """, context);
        ComparisonTable results = Workspace.get("digitsResults");
        assertEquals(3, results.rows().size(), "one row per line: " + results.names());
        assertEquals("ce", results.names().get(0));
        assertEquals("logit-adjusted(tau=1)", results.names().get(1));
        assertTrue(results.names().get(2).contains("post-hoc"), results.names().get(2));
        assertTrue(table.html().contains("<table"), table.html());
        long figures = context.displayed.stream().filter(Figure.class::isInstance).count();
        assertTrue(figures >= 2, "recall and shot-accuracy figures follow the curves: " + figures);
    }

    @Test
    void trainAnnealsTheNoiseOfExact() throws Exception {
        magics.run("train", List.of("digitsSplit", "as", "exactModel"), """
                loss = exact(sigma=2)
                sigma-anneal = 0.25
                model = linear
                epochs = 2
                threads = 1
                """, context);
        NdModel model = Workspace.get("exactModel");
        assertEquals("exact(sigma=2)", model.lossSpec());
        assertTrue(model.getProvenance().toString().contains("sigmaAnneal=0.25"), model.getProvenance().toString());
        assertTrue(model.getProvenance().toString().contains("threads=1"), model.getProvenance().toString());
    }

    @Test
    void mistakesNameTheLine() {
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> magics.run("train", List.of("digitsSplit"), "epochs = many", context));
        assertTrue(e.getMessage().contains("epochs = many is not a whole number"), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> magics.run("train", List.of("digitsSplit"), "focal(gamma=2)", context));
        assertTrue(e.getMessage().contains("'focal(gamma=2)' is not an option"), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> magics.run("compare", List.of("digitsAll"), "ce", context));
        assertTrue(e.getMessage().contains("digitsAll has no test set"), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> magics.run("compare", List.of("digitsSplit"), "fokal", context));
        assertTrue(e.getMessage().contains("'fokal'") && e.getMessage().contains("unknown loss"), e.getMessage());
        e = assertThrows(MagicUsageException.class, () -> magics.run("train", List.of("digitsSplit"), "model = cnn", context));
        assertTrue(e.getMessage().contains("model = cnn"), e.getMessage());
    }

    @Test
    void aCellWithNoBodyIsRefusedInOneSentence() {
        for (String magic : List.of("train", "compare")) {
            for (String body : Arrays.asList(null, "", "  \n", "# only a comment\n")) {
                assertProblem("%%" + magic + " needs a body: options such as epochs = 5 on the lines below the first",
                        magic, body);
            }
        }
        assertTrue(context.displayed.isEmpty(), "nothing is shown or trained: " + context.displayed);
    }

    @Test
    void badValuesAreNamedAsTyped() {
        assertProblem("epochs = 1e12 is out of range for an int count (-2147483648 to 2147483647)", "train", "epochs = 1e12");
        assertProblem("activation = tanh: the activations are relu and gelu", "train", "activation = tanh");
        assertProblem("tau = abc is not a number", "compare", "ce with post-hoc tau=abc");
        assertProblem("lr = -1 must be a finite number above 0", "train", "lr = -1");
        assertProblem("option 'epochs' is given twice (the second time as epochs = 3); keep one", "train",
                "epochs = 2\nepochs = 3");
        assertProblem("dropout must be in [0.0, 1.0), but is 1.5", "train", "dropout = 1.5");
        assertProblem("batch must be at least 1, but is 0", "train", "batch = 0");
        assertProblem("threads must be at least 1, but is 0", "train", "threads = 0");
        assertProblem("weight-decay must be a finite number >= 0, but is -0.1", "train", "weight-decay = -0.1");
        assertProblem("sigma-anneal must be in (0, 1], but is 0.0", "train", "loss = exact\nsigma-anneal = 0");
        assertProblem("sigma-anneal = 0.5 anneals the loss's noise scale, but ce has no noise scale σ to scale; exact has one",
                "train", "sigma-anneal = 0.5");
        assertTrue(context.displayed.isEmpty(), "nothing is shown or trained: " + context.displayed);
    }

    private void assertProblem(String sentence, String magic, String body) {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> magics.run(magic, List.of("digitsSplit"), body, context));
        assertEquals(sentence + "\n%losslab help " + magic + " shows its usage.", e.getMessage());
    }
}
