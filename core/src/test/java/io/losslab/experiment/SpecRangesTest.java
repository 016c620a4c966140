package io.losslab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.loss.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges in loss specs: what they expand to, and the one sentence for each kind of bad range. */
class SpecRangesTest {

    @Test
    void aRangeWithAStepExpandsToOneSpecPerValue() {
        List<String> specs = SpecRanges.expand("logit-adjusted(tau=0..2 step 0.5)");
        assertEquals(List.of("logit-adjusted(tau=0)", "logit-adjusted(tau=0.5)", "logit-adjusted(tau=1)",
                "logit-adjusted(tau=1.5)", "logit-adjusted(tau=2)"), specs);
        specs.forEach(Losses::parse);
    }

    @Test
    void decimalStepsStayExactAndStopBeforeTheEnd() {
        assertEquals(List.of("focal(gamma=0.1)", "focal(gamma=0.2)", "focal(gamma=0.3)"),
                SpecRanges.expand("focal(gamma=0.1..0.35 step 0.1)"));
        assertEquals(List.of("focal(gamma=1)", "focal(gamma=2)", "focal(gamma=3)"), SpecRanges.expand("focal(gamma=1..3)"),
                "the step is 1 unless given");
    }

    @Test
    void twoRangesGiveEveryCombinationAndOtherParametersStay() {
        assertEquals(List.of("ldam(margin=0.25, scale=10, drw=false)", "ldam(margin=0.25, scale=20, drw=false)",
                        "ldam(margin=0.5, scale=10, drw=false)", "ldam(margin=0.5, scale=20, drw=false)"),
                SpecRanges.expand("ldam(margin=0.25..0.5 step 0.25, scale=10..20 step 10, drw=false)"));
        assertEquals(List.of("ce"), SpecRanges.expand("ce"));
    }

    @Test
    void badRangesGetOneSentenceNamingThem() {
        assertRefused("focal(gamma=0..2 step 0)", "gamma=0..2 step 0: the step must be positive");
        assertRefused("focal(gamma=0..2 step -1)", "the step must be positive");
        assertRefused("focal(gamma=2..0)", "gamma=2..0 is empty");
        assertRefused("focal(gamma=0..100 step 0.5)", "more than 20 values");
        assertRefused("focal(gamma=0..x)", "gamma=0..x is not a range");
        assertRefused("ldam(margin=0..1 step 0.1, scale=1..3)", "more than 20 specs");
    }

    private static void assertRefused(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecRanges.expand(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
