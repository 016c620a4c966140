package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tests run on the CPU build: it says so, and a request for CUDA says what is missing and how to add it. */
class BackendTest {

    @Test
    void theDefaultBuildComputesOnTheCpu() {
        Backend backend = Backend.current();
        assertEquals(Backend.Kind.CPU, backend.kind());
        assertTrue(backend.toString().startsWith("cpu: "), backend.toString());
        assertSame(Backend.Kind.CPU, Backend.require(Backend.Kind.CPU).kind());
    }

    @Test
    void askingForCudaOnTheCpuBuildNamesTheProfile() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backend.require(Backend.Kind.CUDA));
        assertTrue(e.getMessage().startsWith("No GPU backend: ND4J's CUDA backend is not on the classpath"), e.getMessage());
        assertTrue(e.getMessage().contains("cuda Maven profile"), e.getMessage());
    }

    @Test
    void kindsParseByTheirLabel() {
        assertSame(Backend.Kind.CUDA, Backend.Kind.parse(" CUDA "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.Kind.parse("tpu"));
        assertEquals("device = tpu is not a backend; the backends are cpu and cuda", e.getMessage());
    }
}
