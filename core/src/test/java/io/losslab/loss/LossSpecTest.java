package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec strings: the names the magics use, their parameters, and the messages for mistakes. */
class LossSpecTest {

    @Test
    void catalogueHasEveryLossOfTheDesign() {
        List<String> names = Losses.catalogue().stream().map(Losses.LossInfo::name).toList();
        assertEquals(List.of("ce", "weighted-ce", "focal", "soft-truncation", "dice", "logit-adjusted",
                "balanced-softmax", "ldam", "am-softmax", "exact", "zlpr", "zlpr-soft", "sigmoid-ce", "emo", "flooding", "gp-kl"), names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce", "focal(gamma=2)", "focal(gamma=0.5, alpha=[0.25, 1])", "soft-truncation(k=3)",
            "weighted-ce(scheme=effective, beta=0.999)", "weighted-ce(scheme=inverse)", "weighted-ce(weights=[1, 10])",
            "weighted-ce(scheme=inverse, normalise=weights)", "weighted-ce(weights=[1, 10], normalise=weights)",
            "ldam(c=0.5, scale=30, margins=rescaled)",
            "dice(epsilon=1)", "logit-adjusted(tau=1)", "logit-adjusted(tau=1.5, prior=[0.9, 0.1])",
            "balanced-softmax", "balanced-softmax(prior=[0.5, 0.5])", "ldam(c=0.5, scale=30)",
            "am-softmax(scale=30, margin=0.35)", "exact(sigma=0.5)", "zlpr", "zlpr-soft", "sigmoid-ce", "emo(weight=0.5)",
            "flooding(b=0.1, loss=focal(gamma=2))", "gp-kl"})
    void specsRoundTrip(String spec) {
        Loss loss = Losses.parse(spec);
        assertEquals(spec, loss.spec());
        assertEquals(spec, Losses.parse(loss.spec()).spec());
    }

    @Test
    void defaultsAndSpacesAndCase() {
        assertEquals("focal(gamma=2)", Losses.parse("focal").spec());
        assertEquals("focal(gamma=3)", Losses.parse("  focal ( GAMMA = 3 ) ").spec());
        assertEquals("am-softmax(scale=30, margin=0.35)", Losses.parse("am-softmax").spec());
        assertEquals("flooding(b=0.2, loss=ce)", Losses.parse("flooding(b=0.2)").spec());
        assertEquals("weighted-ce(scheme=effective, beta=0.99)",
                Losses.parse("weighted-ce(scheme=effective, beta=0.99)").spec());
        assertEquals("soft-truncation(k=2)", Losses.parse("soft-truncation(K=2)").spec());
        assertEquals("weighted-ce(scheme=inverse)", Losses.parse("weighted-ce(normalise=examples)").spec());
        assertEquals("ldam(c=1, scale=1)", Losses.parse("ldam(margins=raw)").spec());
        assertEquals("exact(sigma=1)", Losses.parse("exact").spec());
    }

    @Test
    void unknownLossListsTheLosses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("fokal(gamma=2)"));
        assertTrue(e.getMessage().contains("unknown loss 'fokal'"), e.getMessage());
        assertTrue(e.getMessage().contains("ce, weighted-ce, focal"), e.getMessage());
    }

    @Test
    void unknownParameterShowsTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("focal(gama=2)"));
        assertTrue(e.getMessage().contains("focal has no parameter 'gama'"), e.getMessage());
        assertTrue(e.getMessage().contains("focal(gamma=2, alpha=none)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("ce(tau=1)"));
        assertTrue(e.getMessage().contains("it takes none"), e.getMessage());
    }

    @Test
    void malformedSpecsSayWhere() {
        assertMessage("focal(gamma=2", "ends too early");
        assertMessage("focal(gamma=two)", "gamma must be a number, but is two");
        assertMessage("focal(gamma=1e)", "'1e' is not a number");
        assertMessage("focal(gamma=2) x", "unexpected 'x'");
        assertMessage("focal(gamma=2, gamma=3)", "given twice");
        assertMessage("", "must name a loss");
        assertMessage("weighted-ce(scheme=fancy)", "scheme = fancy", "uniform, inverse, inverse-sqrt, effective");
        assertMessage("weighted-ce(scheme=inverse, weights=[1, 2])", "either weights or a scheme");
        assertMessage("weighted-ce(scheme=effective, beta=1)", "beta must be in [0, 1)", "1.0");
        assertMessage("weighted-ce(normalise=batch)", "weighted-ce: normalise must be examples or weights, but is batch");
        assertMessage("ldam(margins=paper)", "ldam: margins must be raw or rescaled, but is paper");
        assertMessage("flooding(loss=nothing)", "unknown loss 'nothing'");
        assertMessage("logit-adjusted(prior=0.5)", "prior must be a list of numbers", "0.5");
    }

    private static void assertMessage(String spec, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.parse(spec));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
