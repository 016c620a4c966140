package io.losslab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values bound by magics, reachable from plain Java. */
class WorkspaceTest {

    @Test
    void boundValuesComeBackTyped() {
        Workspace.put("counts", new long[] {5, 1});
        long[] counts = Workspace.get("counts");
        assertEquals(5, counts[0]);
        assertTrue(Workspace.names().contains("counts"));
    }

    @Test
    void namesMustBeJavaVariables() {
        assertThrows(IllegalArgumentException.class, () -> Workspace.put("2fast", 1));
        assertThrows(IllegalArgumentException.class, () -> Workspace.put("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> Workspace.put("x", null));
        assertTrue(Workspace.isJavaIdentifier("train_LT"));
        assertFalse(Workspace.isJavaIdentifier("_"));
    }

    @Test
    void keywordsLiteralsAndJavaLangTypesAreNoVariableNames() {
        for (String name : List.of("class", "int", "null", "true", "var", "yield", "String", "Object", "Math", "System", "Integer")) {
            assertFalse(Workspace.isJavaIdentifier(name), name);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workspace.put(name, 1));
            assertTrue(e.getMessage().startsWith("name = " + name + " is not a Java variable name (not a keyword"), e.getMessage());
        }
        assertTrue(Workspace.isJavaIdentifier("string"));
        assertTrue(Workspace.isJavaIdentifier("classes"));
    }

    @Test
    void missingNamesSayWhatIsBound() {
        Workspace.put("present", "yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workspace.get("absent"));
        assertTrue(e.getMessage().contains("'absent'") && e.getMessage().contains("present"), e.getMessage());
    }

    @Test
    void theHowToReadLineIsJavaThatReadsTheValueBack() {
        Workspace.put("greeting", "hello");
        assertEquals("Bound greeting; read it with: String greeting = Workspace.get(\"greeting\");",
                Workspace.howToRead("greeting"));
    }
}
