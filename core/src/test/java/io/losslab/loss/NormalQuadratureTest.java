package io.losslab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Gauss–Hermite rule against the moments of the standard normal and a smooth expectation. */
class NormalQuadratureTest {

    @Test
    void integratesEveryMomentBelowTwiceItsNodesExactly() {
        for (int points : new int[] {1, 2, 5, 32}) {
            NormalQuadrature rule = NormalQuadrature.withPoints(points);
            assertEquals(points, rule.size());
            double doubleFactorial = 1; // E[Z^degree] = (degree - 1)!! for even degrees, 0 for odd
            for (int degree = 0; degree < 2 * points; degree++) {
                double moment = 0;
                for (int i = 0; i < points; i++) {
                    moment += rule.weight(i) * Math.pow(rule.node(i), degree);
                }
                double expected = degree % 2 == 1 ? 0 : doubleFactorial;
                assertEquals(expected, moment, 1e-12 * Math.max(1, doubleFactorial),
                        points + " nodes, E[Z^" + degree + "]");
                if (degree % 2 == 1) {
                    doubleFactorial *= degree;
                }
            }
        }
    }

    @Test
    void theNodesIncreaseAndMirrorEachOther() {
        NormalQuadrature rule = NormalQuadrature.withPoints(32);
        for (int i = 0; i < rule.size(); i++) {
            int mirror = rule.size() - 1 - i;
            assertEquals(-rule.node(mirror), rule.node(i), 1e-13);
            assertEquals(rule.weight(mirror), rule.weight(i), 1e-15);
            assertTrue(i == 0 || rule.node(i) > rule.node(i - 1));
        }
    }

    @Test
    void approximatesASmoothExpectation() {
        // E[cos Z] = e^(-1/2): not a polynomial, so this checks the rule converges, not that it is exact.
        NormalQuadrature rule = NormalQuadrature.withPoints(32);
        double sum = 0;
        for (int i = 0; i < rule.size(); i++) {
            sum += rule.weight(i) * Math.cos(rule.node(i));
        }
        assertEquals(Math.exp(-0.5), sum, 1e-14);
    }

    @Test
    void refusesARuleWithoutNodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NormalQuadrature.withPoints(0));
        assertTrue(e.getMessage().contains("points must be at least 1, but is 0"), e.getMessage());
    }
}
