package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How every magic reads its words: options, whole numbers and counts, and their mistakes. */
class MagicArgumentsTest {

    private final Magic magic = MagicRegistry.standard().get("diffusion");

    private MagicArguments parse(String line, String... optionNames) {
        return MagicArguments.parse(magic, Arrays.asList(line.split(" ")), Set.of(optionNames));
    }

    private String problem(Runnable parseAndRead) {
        return assertThrows(MagicUsageException.class, parseAndRead::run).getMessage().lines().findFirst().orElseThrow();
    }

    @Test
    void optionNamesMayHaveHyphens() {
        MagicArguments args = parse("two-moons ddim-steps=20", "ddim-steps");
        assertEquals(20, args.count("ddim-steps", 50));
        assertEquals(List.of("two-moons"), args.wordsFrom(0));
    }

    @Test
    void anOptionGivenTwiceIsNamed() {
        assertEquals("option 'rho' is given twice", problem(() -> parse("base rho=10 rho=20", "rho")));
    }

    @Test
    void countsAreWholeNumbersInAnyDecimalFormThatFitAnInt() {
        assertEquals(5000, parse("steps=5e3", "steps").count("steps", 1));
        assertEquals("steps = 1e12 is out of range for an int count (-2147483648 to 2147483647)",
                problem(() -> parse("steps=1e12", "steps").count("steps", 1)));
        assertEquals("steps = 2.5 is not a whole number", problem(() -> parse("steps=2.5", "steps").count("steps", 1)));
        assertEquals("seed = many is not a whole number", problem(() -> parse("seed=many", "seed").integer("seed", 0)));
    }

    @Test
    void aMissingOptionIsToldFromAGivenOne() {
        MagicArguments args = parse("base rho=NaN", "rho", "head");
        assertTrue(args.has("rho"));
        assertFalse(args.has("head"));
    }
}
