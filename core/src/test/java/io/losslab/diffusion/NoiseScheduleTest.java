package io.losslab.diffusion;

import static io.losslab.diffusion.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schedules' identities in both notations, and the schedules' defining values. */
class NoiseScheduleTest {

    @Test
    void linearVariancesRunFromStartToEnd() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertEquals(1000, s.steps());
        assertEquals(1e-4, s.ddpmBeta(1), 1e-15);
        assertEquals(0.02, s.ddpmBeta(1000), 1e-15);
        assertEquals(1e-4 + (0.02 - 1e-4) / 999 * 499, s.ddpmBeta(500), 1e-15);
        assertEquals(1000, NoiseSchedule.DEFAULT_STEPS);
    }

    @Test
    void signalAndNoiseAreOnTheUnitCircleInBothNotations() {
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(1000), NoiseSchedule.cosine(300)}) {
            assertEquals(1, s.alphaBar(0), 0);
            assertEquals(0, s.betaBar(0), 0);
            double product = 1;
            for (int t = 1; t <= s.steps(); t++) {
                product *= s.alpha(t);
                assertEquals(1, s.alpha(t) * s.alpha(t) + s.beta(t) * s.beta(t), 1e-12, s + " step " + t);
                assertEquals(1, s.alphaBar(t) * s.alphaBar(t) + s.betaBar(t) * s.betaBar(t), 1e-12, s + " t " + t);
                assertEquals(product, s.alphaBar(t), 1e-12, "ᾱ_t = α_1 ⋯ α_t at " + t);
                assertEquals(s.ddpmBeta(t), s.beta(t) * s.beta(t), 1e-15, "DDPM's β_t is β_t² here");
                assertEquals(s.ddpmAlphaBar(t), s.alphaBar(t) * s.alphaBar(t), 1e-15, "DDPM's ᾱ_t is ᾱ_t² here");
                assertTrue(s.alphaBar(t) < s.alphaBar(t - 1), "the signal only decreases");
            }
        }
    }

    @Test
    void posteriorStdIsDdpmsBetaTilde() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        for (int t : new int[] {2, 10, 500, 1000}) {
            double betaTilde = (1 - s.ddpmAlphaBar(t - 1)) / (1 - s.ddpmAlphaBar(t)) * s.ddpmBeta(t);
            assertEquals(Math.sqrt(betaTilde), s.posteriorStd(t), 1e-12, "t = " + t);
        }
        assertEquals(0, s.posteriorStd(1), 0, "x_0 given x_1 and x_0 has no spread");
    }

    @Test
    void bothSchedulesEndInNearlyPureNoise() {
        assertEquals(0.0064, NoiseSchedule.linear(1000).alphaBar(1000), 2e-4,
                "the DDPM schedule keeps 0.6% of the signal");
        NoiseSchedule cosine = NoiseSchedule.cosine(1000);
        assertTrue(cosine.alphaBar(1000) < 1e-3, "cosine ends at " + cosine.alphaBar(1000));
        assertTrue(cosine.ddpmBeta(1000) <= 0.999, "cosine caps its variances");
        assertEquals(Math.cos((0.5 + 0.008) / 1.008 * Math.PI / 2) / Math.cos(0.008 / 1.008 * Math.PI / 2),
                cosine.alphaBar(500), 1e-9, "ᾱ_t follows the cosine where no variance is capped");
    }

    @Test
    void byName() {
        assertEquals(NoiseSchedule.cosine(50).toString(), NoiseSchedule.named(" Cosine ", 50).toString());
        assertEquals(NoiseSchedule.linear(50).ddpmBeta(7), NoiseSchedule.named("linear", 50).ddpmBeta(7), 0);
    }

    @Test
    void badSchedules() {
        assertRefused(() -> NoiseSchedule.linear(0), "steps (T) must be at least 1", "0");
        assertRefused(() -> NoiseSchedule.cosine(-5), "steps (T) must be at least 1", "-5");
        assertRefused(() -> NoiseSchedule.named("linear", 0), "steps (T)", "0");
        assertRefused(() -> NoiseSchedule.named("quadratic", 1000), "schedule = quadratic", "linear and cosine");
        assertRefused(() -> NoiseSchedule.linear(100, 0.02, 1e-4), "betaStart must not exceed betaEnd");
        assertRefused(() -> NoiseSchedule.linear(100, 0, 0.02), "betaStart", "(0, 1)");
        assertRefused(() -> NoiseSchedule.linear(100).alphaBar(101), "t = 101", "[0, 100]");
        assertRefused(() -> NoiseSchedule.linear(100).beta(0), "t = 0", "[1, 100]");
    }
}
