package io.losslab.diffusion;

import static io.losslab.diffusion.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.data.BundledData;
import io.losslab.data.LabeledData;
import org.junit.jupiter.api.Test;

/** The toy sets' geometry, the rescaling round trip, and a digits model end to end. */
class DataAndScalingTest {

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        LabeledData moons = Toy2D.twoMoons(1001, 0, 4);
        assertArrayEquals(new long[] {501, 500}, moons.classCounts());
        double[][] points = Points.of(moons);
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0];
            double y = points[i][1];
            double radius = moons.label(i) == 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            assertEquals(1, radius, 1e-6, "point " + i);
            assertTrue(moons.label(i) == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6, "the right half of its circle");
        }
    }

    @Test
    void ringsHaveTheirRadiiAndEvenDensity() {
        LabeledData rings = Toy2D.rings(6000, 0, 2);
        assertArrayEquals(new long[] {1000, 2000, 3000}, rings.classCounts());
        double[][] points = Points.of(rings);
        for (int i = 0; i < points.length; i++) {
            assertEquals(rings.label(i) + 1, Math.hypot(points[i][0], points[i][1]), 1e-5);
        }
        LabeledData roll = Toy2D.swissRoll(500, 0, 1);
        for (double[] p : Points.of(roll)) {
            double r = Math.hypot(p[0], p[1]);
            assertTrue(r >= 0.5 - 1e-6 && r <= 1.5 + 1e-6, "the roll's radius θ/3π lies in [0.5, 1.5], not " + r);
        }
    }

    @Test
    void standardisingGivesUnitScaleAndInvertsExactly() {
        LabeledData moons = Toy2D.twoMoons(5000, 0.05, 1);
        Rescaling unit = Rescaling.standardise(moons);
        double[][] scaled = Points.of(unit.apply(moons));
        for (int d = 0; d < 2; d++) {
            double mean = 0;
            double square = 0;
            for (double[] p : scaled) {
                mean += p[d] / scaled.length;
                square += p[d] * p[d] / scaled.length;
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, square - mean * mean, 1e-5);
        }
        double[][] original = Points.of(moons);
        double[][] back = unit.invert(unit.apply(original));
        for (int i = 0; i < original.length; i++) {
            assertArrayEquals(original[i], back[i], 1e-12);
        }
        Rescaling pixels = Rescaling.fromRange(0, 16, 3);
        assertArrayEquals(new double[] {-1, 0, 1}, pixels.apply(new double[][] {{0, 8, 16}})[0], 0);
    }

    @Test
    void aDigitsModelSamplesImagesOfItsClasses() {
        LabeledData digits = BundledData.digits();
        Rescaling pixels = Rescaling.fromRange(0, 16, 64);
        DiffusionModel model = DiffusionTrainer.builder()
                .schedule(NoiseSchedule.linear(100, 1e-3, 0.1))
                .hiddenSizes(64, 64)
                .timeEmbedding(16)
                .classConditional(true)
                .steps(60)
                .build()
                .train(pixels.apply(digits));
        assertEquals(10, model.numClasses());
        assertEquals(64, model.dimension());
        Trajectory reverse = model.sample(Sampler.ddim(10), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
        double[][] images = pixels.invert(reverse.last());
        assertEquals(10, images.length);
        assertEquals(64, images[0].length, "8 × 8 pixels");
        assertEquals(11, reverse.inverted(pixels).size());
        assertRefused(() -> model.loss(Toy2D.twoMoons(10, 0.1, 1), 1), "data has 2 dimensions, but 64 are needed");
    }

    @Test
    void badData() {
        assertRefused(() -> Toy2D.twoMoons(1, 0.1, 1), "n must be at least 2", "1");
        assertRefused(() -> Toy2D.rings(100, -0.1, 1), "noise", "-0.1");
        assertRefused(() -> Toy2D.mixtureOnCircle(2, 0.1, 0.5, 0.6), "sum to 1");
        assertRefused(() -> Toy2D.mixtureOnCircle(0, 0.1, 0.5, 0.5), "radius", "0.0");
        assertRefused(() -> Rescaling.fromRange(16, 0, 64), "min must be below max");
        assertRefused(() -> Rescaling.fromRange(0, 16, 64).apply(Toy2D.twoMoons(10, 0.1, 1)),
                "data has 2 dimensions, but 64 are needed");
    }
}
