package io.losslab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A data file loaded by the loader its name calls for: {@code .csv}, {@code .tsv},
 * {@code .arff}, {@code .libsvm} / {@code .svm} / {@code .svmlight}, each also gzip-compressed
 * ({@code .csv.gz}).
 *
 * <pre>{@code
 * LabeledData flowers = DataFiles.load(Path.of("iris.csv"), "species");
 * }</pre>
 */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * Loads {@code file}.
     *
     * @param labelColumn the label column of a CSV/TSV file (a name, or a 0-based index written
     *     as digits), or the class attribute of an ARFF file; null for the loader's default (the
     *     last column or attribute)
     * @throws IllegalArgumentException if the file's name says no format LossLab reads, or a label
     *     column is given for a LibSVM file
     */
    public static LabeledData load(Path file, String labelColumn) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException("file = " + file + " does not exist or is not a file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "csv" -> withLabel(CsvLoader.csv(), labelColumn).load(file);
            case "tsv" -> withLabel(CsvLoader.tsv(), labelColumn).load(file);
            case "arff" -> (labelColumn == null ? ArffLoader.arff() : ArffLoader.arff().classAttribute(labelColumn)).load(file);
            case "libsvm", "svm", "svmlight" -> LibSvmLoader.libSvm().load(withoutLabelColumn(file, labelColumn));
            default -> throw new IllegalArgumentException("file = " + file + " has no extension LossLab reads; "
                    + "use .csv, .tsv, .arff, .libsvm, .svm or .svmlight (optionally .gz)");
        };
    }

    /** A LibSVM line starts with its label, so a label column given for one is a mistake, not a choice to ignore. */
    private static Path withoutLabelColumn(Path file, String labelColumn) {
        if (labelColumn != null) {
            throw new IllegalArgumentException("labelColumn = " + labelColumn + ": " + file
                    + " is a LibSVM file, whose label starts every line, so it takes no label column");
        }
        return file;
    }

    private static CsvLoader withLabel(CsvLoader loader, String labelColumn) {
        if (labelColumn == null) {
            return loader;
        }
        return labelColumn.chars().allMatch(Character::isDigit)
                ? loader.labelColumn(Integer.parseInt(labelColumn)) : loader.labelColumn(labelColumn);
    }
}
