package io.losslab.train;

import io.losslab.nn.Elementwise;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend computations run on: the CPU, or a GPU through ND4J's CUDA backend. Which one
 * is chosen when the build is made (the {@code cuda} Maven profile), not in code: nothing in
 * LossLab is specific to either.
 *
 * <pre>{@code
 * Backend backend = Backend.current();      // e.g. "cpu: 2 threads, OpenBLAS"
 * Backend.require(Backend.Kind.CUDA);       // one clear sentence if there is no GPU backend
 * }</pre>
 *
 * @param kind   CPU or CUDA
 * @param device a short description of the device
 */
public record Backend(Kind kind, String device) {

    /** Where ND4J computes. */
    public enum Kind {
        /** ND4J's native CPU backend. */
        CPU,
        /** ND4J's CUDA backend on an NVIDIA GPU. */
        CUDA;

        /** The name used in magics and messages: {@code cpu} or {@code cuda}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind a user named, ignoring case.
         *
         * @throws IllegalArgumentException for anything but cpu or cuda
         */
        public static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.label().equalsIgnoreCase(name.trim())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("device = " + name + " is not a backend; the backends are cpu and cuda");
        }
    }

    /** The backend ND4J loaded; starts ND4J if it has not started yet. */
    public static Backend current() {
        String backendClass = Nd4j.getBackend().getClass().getSimpleName();
        Kind kind = backendClass.toLowerCase(Locale.ROOT).contains("cu") ? Kind.CUDA : Kind.CPU;
        return new Backend(kind, describeDevice(kind, Nd4j.getExecutioner().getEnvironmentInformation()));
    }

    /**
     * The current backend if it is of {@code kind}.
     *
     * @throws IllegalStateException saying what is missing and how to add it
     */
    public static Backend require(Kind kind) {
        Backend current = current();
        if (current.kind() != kind) {
            throw new IllegalStateException(kind == Kind.CUDA
                    ? "No GPU backend: ND4J's CUDA backend is not on the classpath; build with the cuda Maven profile "
                            + "(e.g. ./losslab notebook -Pcuda) on a machine with an NVIDIA GPU and CUDA 11.6."
                    : "The CPU backend is not active: this build uses ND4J's CUDA backend; build without the cuda "
                            + "profile to compute on the CPU.");
        }
        return current;
    }

    private static String describeDevice(Kind kind, Properties environment) {
        if (kind == Kind.CUDA) {
            Object devices = environment.get("cuda.devicesInformation");
            return devices != null ? devices.toString() : "CUDA device";
        }
        Object cores = environment.getOrDefault("omp.threads", environment.get("cores"));
        Object blas = environment.get("blas.vendor");
        return (cores != null ? cores + " threads" : "threads unknown") + (blas != null ? ", " + blas : "");
    }

    /** How a network should do its element-wise work here: on the host beside a CPU, as ND4J operations on a GPU. */
    public Elementwise networkElementwise() {
        return kind == Kind.CUDA ? Elementwise.DEVICE_OPS : Elementwise.HOST_LOOPS;
    }

    @Override
    public String toString() {
        return kind.label() + ": " + device;
    }
}
