package io.losslab.experiment;

import io.losslab.data.ShotGroup;
import io.losslab.data.ShotThresholds;
import io.losslab.eval.Format;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * The result of a {@link Comparison}: one row per loss (or trainer), with accuracy, balanced
 * accuracy, macro-F1, many/medium/few-shot accuracy, ECE and training seconds. Printable as text
 * ({@link #toString()}) and HTML ({@link #toHtml()}); the rows carry the full metrics and models
 * for plots.
 *
 * <pre>{@code
 * System.out.println(table);
 * Map<String, double[]> recall = table.recallByRow();      // per-class recall, for a figure
 * }</pre>
 */
public final class ComparisonTable {

    /** A column of the table: its heading, how a row's value is read, and how it prints. */
    private record Column(String heading, ToDoubleFunction<ComparisonRow> value, DoubleFunction<String> format) {

        Column(String heading, ToDoubleFunction<ComparisonRow> value) {
            this(heading, value, Format::value);
        }

        String cell(ComparisonRow row) {
            return format.apply(value.applyAsDouble(row));
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("accuracy", r -> r.metrics().accuracy()),
            new Column("balanced acc.", r -> r.metrics().balancedAccuracy()),
            new Column("macro-F1", r -> r.metrics().macroF1()),
            new Column("many-shot", r -> r.metrics().shotAccuracy(ShotGroup.MANY)),
            new Column("medium-shot", r -> r.metrics().shotAccuracy(ShotGroup.MEDIUM)),
            new Column("few-shot", r -> r.metrics().shotAccuracy(ShotGroup.FEW)),
            new Column("ECE", r -> r.metrics().expectedCalibrationError()),
            new Column("train s", ComparisonRow::trainingSeconds,
                    v -> Double.isNaN(v) ? Format.value(v) : String.format(Locale.ROOT, "%.1f", v)));

    private final String description;
    private final List<String> classNames;
    private final long[] trainingCounts;
    private final ShotThresholds thresholds;
    private final List<ComparisonRow> rows;
    private final boolean interrupted;

    ComparisonTable(String description, List<String> classNames, long[] trainingCounts, ShotThresholds thresholds,
            List<ComparisonRow> rows, boolean interrupted) {
        this.description = description;
        this.classNames = List.copyOf(classNames);
        this.trainingCounts = trainingCounts.clone();
        this.thresholds = thresholds;
        this.rows = List.copyOf(rows);
        this.interrupted = interrupted;
    }

    /** The rows, in the order they were trained. */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /**
     * The row of this name.
     *
     * @throws IllegalArgumentException if there is none, listing the names there are
     */
    public ComparisonRow row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no row is named '" + name + "'; the rows are " + names()));
    }

    /** The row names, in order. */
    public List<String> names() {
        return rows.stream().map(ComparisonRow::name).toList();
    }

    /** Each row's per-class recall, by class index, in row order: the input of a recall-by-class-size figure. */
    public Map<String, double[]> recallByRow() {
        Map<String, double[]> recall = new LinkedHashMap<>();
        rows.forEach(r -> recall.put(r.name(), r.metrics().recall()));
        return recall;
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** Training examples per class. */
    public long[] trainingCounts() {
        return trainingCounts.clone();
    }

    /** The shot-group boundaries of the many/medium/few-shot columns. */
    public ShotThresholds thresholds() {
        return thresholds;
    }

    /** The data and model the rows were trained on. */
    public String description() {
        return description;
    }

    /** Whether the run was interrupted before every row was trained. */
    public boolean interrupted() {
        return interrupted;
    }

    /** The table as aligned text, with the data and model above it. */
    @Override
    public String toString() {
        int nameWidth = Math.max("loss".length(), rows.stream().mapToInt(r -> r.name().length() + (r.interrupted() ? 2 : 0))
                .max().orElse(0));
        StringBuilder text = new StringBuilder(description).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "loss"));
        COLUMNS.forEach(c -> text.append(String.format(Locale.ROOT, " %13s", c.heading())));
        text.append(System.lineSeparator());
        for (ComparisonRow row : rows) {
            text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", row.name() + (row.interrupted() ? " *" : "")));
            COLUMNS.forEach(c -> text.append(String.format(Locale.ROOT, " %13s", c.cell(row))));
            text.append(System.lineSeparator());
        }
        return text.append(footnote()).toString();
    }

    /** The table as an HTML fragment that a notebook renders: caption, headings, one row per loss. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<table class=\"losslab-comparison\">\n<caption>")
                .append(escape(description)).append("</caption>\n<thead><tr><th>loss</th>");
        COLUMNS.forEach(c -> html.append("<th>").append(escape(c.heading())).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (ComparisonRow row : rows) {
            html.append("<tr><td>").append(escape(row.name())).append(row.interrupted() ? " *" : "").append("</td>");
            COLUMNS.forEach(c -> html.append("<td style=\"text-align:right\">").append(c.cell(row)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        String note = footnote();
        return note.isEmpty() ? html.toString() : html.append("<p>").append(escape(note.strip())).append("</p>\n").toString();
    }

    private String footnote() {
        String groups = shotGroupsNote(thresholds)
                + (rows.stream().anyMatch(r -> Double.isNaN(r.trainingSeconds())) ? ", or trained outside the comparison" : "");
        String stopped = rows.stream().anyMatch(ComparisonRow::interrupted) || interrupted
                ? System.lineSeparator() + "* interrupted: trained for part of its epochs" + (interrupted ? "; later rows were not trained" : "")
                : "";
        return groups + stopped + System.lineSeparator();
    }

    /** The note under a table that says which classes each shot group holds. */
    static String shotGroupsNote(ShotThresholds thresholds) {
        return "shot groups by training examples: many " + thresholds.describe(ShotGroup.MANY) + ", medium "
                + thresholds.describe(ShotGroup.MEDIUM) + ", few " + thresholds.describe(ShotGroup.FEW) + "; – = no such classes";
    }

    /** Text made safe for HTML. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
