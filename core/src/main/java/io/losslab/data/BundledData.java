package io.losslab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Four small classic datasets that ship inside LossLab, from the UCI Machine Learning Repository
 * by way of scikit-learn's copies; {@link #notice()} gives their sources and licence (CC BY 4.0).
 *
 * <pre>{@code
 * LabeledData digits = BundledData.digits();          // 1797 8×8 images, pixel values 0..16
 * LabeledData same = BundledData.load("digits");      // by name, as the magics do
 * System.out.println(BundledData.notice());
 * }</pre>
 */
public final class BundledData {

    private static final String NOTICE_RESOURCE = "LICENSE-data";

    /** The bundled sets: name, resource file, class order, and a description. */
    private enum Bundled {
        IRIS("iris", "iris.csv", List.of("setosa", "versicolor", "virginica"),
                "Iris (Fisher 1936), 150 flowers, 4 measurements"),
        WINE("wine", "wine.csv", List.of("class_0", "class_1", "class_2"),
                "Wine recognition (Forina et al.), 178 wines, 13 chemical measurements"),
        BREAST_CANCER("breast-cancer", "breast-cancer.csv", List.of("malignant", "benign"),
                "Breast Cancer Wisconsin (Diagnostic), 569 tumours, 30 cell-nucleus features"),
        DIGITS("digits", "digits.csv.gz", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                "Optical recognition of handwritten digits (Alpaydin and Kaynak 1998), 1797 8×8 images, values 0..16");

        private final String name;
        private final String resource;
        private final List<String> classes;
        private final String description;

        Bundled(String name, String resource, List<String> classes, String description) {
            this.name = name;
            this.resource = resource;
            this.classes = classes;
            this.description = description;
        }
    }

    private BundledData() {
    }

    /** Iris: 150 examples, 4 features, 3 balanced classes. */
    public static LabeledData iris() {
        return load(Bundled.IRIS);
    }

    /** Wine: 178 examples, 13 features, 3 classes (59, 71, 48). */
    public static LabeledData wine() {
        return load(Bundled.WINE);
    }

    /** Breast Cancer Wisconsin (Diagnostic): 569 examples, 30 features, malignant (212) and benign (357). */
    public static LabeledData breastCancer() {
        return load(Bundled.BREAST_CANCER);
    }

    /** Optical digits: 1797 examples of 8×8 = 64 pixel counts in 0..16, classes "0" to "9". */
    public static LabeledData digits() {
        return load(Bundled.DIGITS);
    }

    /** The names {@link #load(String)} takes: iris, wine, breast-cancer, digits. */
    public static List<String> names() {
        return Arrays.stream(Bundled.values()).map(b -> b.name).toList();
    }

    /**
     * A bundled set by name, case-insensitive.
     *
     * @throws IllegalArgumentException if no bundled set has that name
     */
    public static LabeledData load(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Bundled bundled : Bundled.values()) {
            if (bundled.name.equals(wanted)) {
                return load(bundled);
            }
        }
        throw new IllegalArgumentException("name = " + name + " is not a bundled dataset; the bundled ones are " + names());
    }

    /** The sources and licence of the bundled data. */
    public static String notice() {
        try (InputStream in = open(NOTICE_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw damagedJar(NOTICE_RESOURCE, e);
        }
    }

    private static LabeledData load(Bundled bundled) {
        String source = bundled.description + " (bundled; see BundledData.notice())";
        try (InputStream raw = open(bundled.resource);
                InputStream in = bundled.resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] classes = bundled.classes.toArray(String[]::new);
            return CsvLoader.csv().labelColumn("class").classes(classes).load(reader, source);
        } catch (IOException e) {
            throw damagedJar(bundled.resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = BundledData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the resource " + resource + " is missing from the LossLab jar");
        }
        return in;
    }

    private static UncheckedIOException damagedJar(String resource, IOException cause) {
        return new UncheckedIOException("the bundled resource " + resource + " cannot be read; the LossLab jar is damaged",
                cause);
    }
}
