package io.losslab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BLAS each side of a comparison with PyTorch multiplies matrices with, and the rule every
 * benchmark follows: against PyTorch on an unoptimised BLAS (the reference BLAS, not OpenBLAS, MKL,
 * BLIS or ATLAS) the times are printed but no ratio, because PyTorch's matrix products then run
 * several times slower than on any machine set up for it, and the ratio would flatter LossLab.
 *
 * <p>PyTorch's side comes from the peer scripts' shared {@code torch_peer.blas()}: the folder and
 * file of the library that serves torch's {@code sgemm_}, such as
 * {@code openblas-pthread/libblas.so.3}, or the BLAS of torch's build settings.
 */
final class Blas {

    /** The last line's sentence when the given Python cannot import torch. */
    private static final String MISSING_PYTORCH = "PyTorch is missing: apt-get install python3-torch";

    /** Names that only optimised BLAS libraries carry in their folder or file name. */
    private static final Pattern OPTIMISED = Pattern.compile("openblas|mkl|blis|atlas|accelerate|veclib",
            Pattern.CASE_INSENSITIVE);

    private Blas() {
    }

    /**
     * ND4J's BLAS as its native backend reports it ({@code blas.vendor} and {@code blas.threads}
     * of the environment information), with, on Linux, the BLAS library files mapped into this
     * process: the OpenBLAS that ND4J's native backend bundles.
     */
    static String nd4j() {
        Map<Object, Object> environment = Nd4j.getExecutioner().getEnvironmentInformation();
        String reported = environment.getOrDefault("blas.vendor", "unknown vendor") + ", "
                + environment.getOrDefault("blas.threads", "?") + " threads, " + kernels();
        String mapped = mappedBlasFiles();
        return mapped.isEmpty() ? reported : reported + " (" + mapped + ")";
    }

    /**
     * Which OpenBLAS kernels run: those OPENBLAS_CORETYPE names (the launcher sets it from the CPU's
     * features, as OpenBLAS before 0.3.25 falls back to its SSE3 kernels on CPUs it does not
     * recognise), or OpenBLAS's own choice, which the bundled library does not report to Java.
     */
    private static String kernels() {
        String chosen = System.getenv("OPENBLAS_CORETYPE");
        return chosen == null || chosen.isBlank() ? "kernels of OpenBLAS's own choice"
                : chosen + " kernels (OPENBLAS_CORETYPE)";
    }

    /**
     * The mapped libraries with "blas" in their file name (JNI glue aside), grouped by the jar
     * JavaCPP unpacked them from: {@code libopenblas.so.0, libopenblas_nolapack.so.0 from
     * openblas-0.3.21-1.5.8-linux-x86_64.jar}.
     */
    private static String mappedBlasFiles() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return "";
        }
        Map<String, List<String>> filesByJar;
        try (Stream<String> lines = Files.lines(maps)) {
            filesByJar = lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.startsWith("/"))
                    .distinct()
                    .map(Path::of)
                    .filter(path -> path.getFileName().toString().contains("blas")
                            && !path.getFileName().toString().startsWith("libjni"))
                    .collect(Collectors.groupingBy(Blas::jar, LinkedHashMap::new,
                            Collectors.mapping(path -> path.getFileName().toString(), Collectors.toList())));
        } catch (IOException e) {
            return "";
        }
        return filesByJar.entrySet().stream()
                .map(jar -> String.join(", ", jar.getValue()) + (jar.getKey().isEmpty() ? "" : " from " + jar.getKey()))
                .collect(Collectors.joining("; "));
    }

    /** The jar among the folders of a file of JavaCPP's cache, or "" for a file of the system. */
    private static String jar(Path file) {
        for (Path part : file) {
            if (part.toString().endsWith(".jar")) {
                return part.toString();
            }
        }
        return "";
    }

    /** Whether PyTorch's BLAS, as its peer script names it, is one a speed ratio can rest on. */
    static boolean optimised(String torchBlas) {
        return OPTIMISED.matcher(torchBlas).find();
    }

    /** Ours over theirs to two decimals, or "n/a" against an unoptimised BLAS. */
    static String ratio(double ours, double theirs, String torchBlas) {
        return optimised(torchBlas) ? String.format(Locale.ROOT, "%.2f", ours / theirs) : "n/a";
    }

    /**
     * A benchmark's last line, {@code "<label> = <ratio> (<details>)"}. Against an unoptimised
     * BLAS the ratio is "n/a" and the line is preceded by the sentence that says why and what to
     * do; the details, which hold both sides' times, are printed either way.
     */
    static String lastLine(String label, double ratio, String torchBlas, String details) {
        if (optimised(torchBlas)) {
            return String.format(Locale.ROOT, "%s = %.2f (%s)", label, ratio, details);
        }
        return "No ratio against PyTorch: its matrix products ran on " + torchBlas + ", an unoptimised BLAS "
                + "(not OpenBLAS, MKL, BLIS or ATLAS), which makes PyTorch several times slower than it is; "
                + "on Debian select OpenBLAS with: sudo apt-get install libopenblas0-pthread && "
                + "sudo update-alternatives --config libblas.so.3-$(uname -m)-linux-gnu"
                + System.lineSeparator()
                + label + " = n/a (unoptimised BLAS under PyTorch; " + details + ")";
    }

    /** A benchmark's last line when the given Python cannot import torch. */
    static String lastLineWithoutPyTorch(String label, String details) {
        return label + " = n/a (" + MISSING_PYTORCH + (details.isEmpty() ? "" : "; " + details) + ")";
    }
}
