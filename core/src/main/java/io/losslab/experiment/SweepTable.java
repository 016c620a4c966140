package io.losslab.experiment;

import io.losslab.data.ShotThresholds;
import io.losslab.eval.ConfidenceInterval;
import io.losslab.eval.Format;
import io.losslab.eval.PairedTTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@link Sweep}: one row per contender and ρ with each metric's mean and 95%
 * confidence interval over the seeds (Student's t), the paired t-test of balanced accuracy
 * against the baseline ({@code ce} when it is a contender), and every single run. A row marks
 * ▲ a contender significantly better than the baseline on the same seeds at 5%, ▼ one
 * significantly worse. Printable as text ({@link #toString()}) and HTML ({@link #toHtml()}).
 *
 * <pre>{@code
 * System.out.println(table);
 * SweepRow la = table.row("logit-adjusted(tau=1)", 100);
 * List<SweepResult> runs = table.results();                 // every run, for your own analysis
 * }</pre>
 */
public final class SweepTable {

    /** The metrics of the table's columns, in order. */
    static final List<SweepMetric> COLUMNS = List.of(SweepMetric.BALANCED_ACCURACY, SweepMetric.MACRO_F1,
            SweepMetric.MANY_SHOT, SweepMetric.MEDIUM_SHOT, SweepMetric.FEW_SHOT, SweepMetric.ECE);

    private final String description;
    private final String runner;
    private final List<String> classNames;
    private final ShotThresholds thresholds;
    private final List<String> contenders;
    private final List<Double> ratios;
    private final List<Long> seeds;
    private final String baseline;
    private final List<SweepResult> results;
    private final Map<SweepCell, String> failures;
    private final boolean interrupted;
    private final List<SweepRow> rows;

    SweepTable(String description, String runner, List<String> classNames, ShotThresholds thresholds,
            List<String> contenders, List<Double> ratios, List<Long> seeds, String baseline,
            List<SweepResult> results, Map<SweepCell, String> failures, boolean interrupted) {
        this.description = description;
        this.runner = runner;
        this.classNames = List.copyOf(classNames);
        this.thresholds = thresholds;
        this.contenders = List.copyOf(contenders);
        this.ratios = List.copyOf(ratios);
        this.seeds = List.copyOf(seeds);
        this.baseline = baseline;
        this.results = results.stream().sorted(Comparator.comparingDouble((SweepResult r) -> r.cell().rho())
                .thenComparing(r -> contenders.indexOf(r.cell().contender())).thenComparingLong(r -> r.cell().seed())).toList();
        this.failures = new LinkedHashMap<>(failures);
        this.interrupted = interrupted;
        this.rows = summarise();
    }

    private List<SweepRow> summarise() {
        List<SweepRow> summary = new ArrayList<>();
        for (double rho : ratios) {
            Map<Long, SweepResult> baselineRuns = bySeed(baseline, rho);
            for (String contender : contenders) {
                Map<Long, SweepResult> runs = bySeed(contender, rho);
                Map<SweepMetric, ConfidenceInterval> intervals = new EnumMap<>(SweepMetric.class);
                for (SweepMetric metric : SweepMetric.values()) {
                    intervals.put(metric, ConfidenceInterval.of95(runs.values().stream()
                            .mapToDouble(r -> r.metrics().value(metric)).toArray()));
                }
                ConfidenceInterval seconds = ConfidenceInterval.of95(runs.values().stream().mapToDouble(SweepResult::seconds).toArray());
                PairedTTest versus = contender.equals(baseline) ? null : pairedBalancedAccuracy(runs, baselineRuns);
                summary.add(new SweepRow(contender, rho, runs.size(), intervals, seconds, versus));
            }
        }
        return List.copyOf(summary);
    }

    private Map<Long, SweepResult> bySeed(String contender, double rho) {
        Map<Long, SweepResult> runs = new LinkedHashMap<>();
        results.stream().filter(r -> r.cell().contender().equals(contender) && r.cell().rho() == rho)
                .forEach(r -> runs.put(r.cell().seed(), r));
        return runs;
    }

    /** The paired test on the seeds both finished: a seed one of them lacks pairs with nothing. */
    private static PairedTTest pairedBalancedAccuracy(Map<Long, SweepResult> runs, Map<Long, SweepResult> baselineRuns) {
        List<Long> shared = runs.keySet().stream().filter(baselineRuns::containsKey).toList();
        double[] own = shared.stream().mapToDouble(s -> runs.get(s).metrics().balancedAccuracy()).toArray();
        double[] base = shared.stream().mapToDouble(s -> baselineRuns.get(s).metrics().balancedAccuracy()).toArray();
        return PairedTTest.of(own, base);
    }

    /** The rows: for each ρ, one per contender, in order. */
    public List<SweepRow> rows() {
        return rows;
    }

    /**
     * The row of this contender at this ρ.
     *
     * @throws IllegalArgumentException if there is none, listing the contenders and ratios
     */
    public SweepRow row(String contender, double rho) {
        return rows.stream().filter(r -> r.contender().equals(contender) && r.rho() == rho).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row is " + contender + " at ρ = " + Format.number(rho)
                        + "; the contenders are " + contenders + " and the ratios " + ratioNames()));
    }

    /**
     * The row of this contender, in a sweep over one ρ (or the training set as given).
     *
     * @throws IllegalArgumentException if the sweep has several ratios, or no such contender
     */
    public SweepRow row(String contender) {
        if (ratios.size() != 1) {
            throw new IllegalArgumentException("this sweep has the ratios " + ratioNames() + ": name one, row(\""
                    + contender + "\", rho)");
        }
        return row(contender, ratios.get(0));
    }

    /** Every finished run, by ρ, contender and seed. */
    public List<SweepResult> results() {
        return results;
    }

    /** The finished runs of one contender at one ρ, by seed. */
    public List<SweepResult> results(String contender, double rho) {
        return List.copyOf(bySeed(contender, rho).values());
    }

    /** The runs that failed, each with the reason in one sentence. */
    public Map<SweepCell, String> failures() {
        return Map.copyOf(failures);
    }

    /** Each contender's per-class recall at this ρ, its mean and 95% interval over the seeds, by class index. */
    public Map<String, ConfidenceInterval[]> recallIntervals(double rho) {
        Map<String, ConfidenceInterval[]> byContender = new LinkedHashMap<>();
        for (String contender : contenders) {
            List<SweepResult> runs = results(contender, rho);
            if (runs.isEmpty()) {
                continue;
            }
            ConfidenceInterval[] perClass = new ConfidenceInterval[classNames.size()];
            for (int k = 0; k < perClass.length; k++) {
                int c = k;
                perClass[k] = ConfidenceInterval.of95(runs.stream().mapToDouble(r -> r.metrics().recall()[c]).toArray());
            }
            byContender.put(contender, perClass);
        }
        return byContender;
    }

    /**
     * The training examples per class at this ρ, which every seed shares (the long tail fixes the
     * counts, the seed only which examples).
     *
     * @throws IllegalArgumentException if no run at this ρ finished
     */
    public long[] trainingCounts(double rho) {
        return results.stream().filter(r -> r.cell().rho() == rho).findFirst().map(r -> r.metrics().trainingCounts())
                .orElseThrow(() -> new IllegalArgumentException("no run at ρ = " + Format.number(rho) + " finished"));
    }

    /** The contenders, in order. */
    public List<String> contenders() {
        return contenders;
    }

    /** The ratios, in order; {@link SweepCell#AS_GIVEN} alone when the training set was used as given. */
    public List<Double> ratios() {
        return ratios;
    }

    /** The seeds every contender ran with. */
    public List<Long> seeds() {
        return seeds;
    }

    /** The contender the others are tested against. */
    public String baseline() {
        return baseline;
    }

    /** The class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The data and trainer the runs shared. */
    public String description() {
        return description;
    }

    /** What ran the runs, e.g. {@code local, 2 threads}. */
    public String runner() {
        return runner;
    }

    /** How many runs the sweep planned: contenders × ratios × seeds. */
    public int plannedRuns() {
        return contenders.size() * ratios.size() * seeds.size();
    }

    /** Whether the sweep was interrupted before every run had finished. */
    public boolean interrupted() {
        return interrupted;
    }

    private boolean longTailed() {
        return ratios.stream().anyMatch(rho -> rho != SweepCell.AS_GIVEN);
    }

    private List<String> ratioNames() {
        return ratios.stream().map(rho -> rho == SweepCell.AS_GIVEN ? "as given" : Format.number(rho)).toList();
    }

    private List<String> headings() {
        List<String> headings = new ArrayList<>(List.of("loss"));
        if (longTailed()) {
            headings.add("ρ");
        }
        COLUMNS.forEach(m -> headings.add(m.heading()));
        headings.addAll(List.of("train s", "runs", "vs " + baseline));
        return headings;
    }

    private List<List<String>> cells() {
        List<List<String>> cells = new ArrayList<>();
        for (SweepRow row : rows) {
            List<String> line = new ArrayList<>(List.of(row.contender()));
            if (longTailed()) {
                line.add(Format.number(row.rho()));
            }
            for (SweepMetric metric : COLUMNS) {
                String mark = metric == SweepMetric.BALANCED_ACCURACY
                        ? (row.significantlyBetter() ? " ▲" : row.significantlyWorse() ? " ▼" : "") : "";
                line.add(row.interval(metric) + mark);
            }
            line.add(Double.isNaN(row.seconds().mean()) ? "–" : String.format(Locale.ROOT, "%.1f", row.seconds().mean()));
            line.add(String.valueOf(row.runs()));
            line.add(row.versusBaseline() == null ? "baseline" : versus(row.versusBaseline()));
            cells.add(line);
        }
        return cells;
    }

    private static String versus(PairedTTest test) {
        if (Double.isNaN(test.meanDifference())) {
            return "–";
        }
        String p = Double.isNaN(test.pValue()) ? "" : ", " + PairedTTest.describeP(test.pValue());
        return String.format(Locale.ROOT, "%+.3f%s", test.meanDifference(), p);
    }

    /** The table as aligned text, with the data, trainer and runner above it and the notes below. */
    @Override
    public String toString() {
        List<String> headings = headings();
        List<List<String>> cells = cells();
        int[] widths = new int[headings.size()];
        for (int c = 0; c < widths.length; c++) {
            int column = c;
            widths[c] = Math.max(headings.get(c).length(), cells.stream().mapToInt(l -> l.get(column).length()).max().orElse(0));
        }
        int leftAligned = longTailed() ? 2 : 1;
        StringBuilder text = new StringBuilder(caption()).append(System.lineSeparator());
        for (List<String> line : prepend(headings, cells)) {
            for (int c = 0; c < line.size(); c++) {
                String format = c < leftAligned ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                text.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, line.get(c)));
            }
            text.append(System.lineSeparator());
        }
        notes().forEach(note -> text.append(note).append(System.lineSeparator()));
        return text.toString();
    }

    private static List<List<String>> prepend(List<String> first, List<List<String>> rest) {
        List<List<String>> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** The table as an HTML fragment that a notebook renders: caption, headings, one row per contender and ρ, notes. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<table class=\"losslab-sweep\">\n<caption>")
                .append(ComparisonTable.escape(caption())).append("</caption>\n<thead><tr>");
        headings().forEach(h -> html.append("<th>").append(ComparisonTable.escape(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        int leftAligned = longTailed() ? 2 : 1;
        for (List<String> line : cells()) {
            html.append("<tr>");
            for (int c = 0; c < line.size(); c++) {
                html.append(c < leftAligned ? "<td>" : "<td style=\"text-align:right\">")
                        .append(ComparisonTable.escape(line.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        notes().forEach(note -> html.append("<p>").append(ComparisonTable.escape(note)).append("</p>\n"));
        return html.toString();
    }

    private String caption() {
        return description + "; " + seeds.size() + (seeds.size() == 1 ? " seed" : " seeds") + " " + seedRange() + "; "
                + runner;
    }

    private String seedRange() {
        return seeds.size() == 1 ? "(" + seeds.get(0) + ")" : "(" + seeds.get(0) + "–" + seeds.get(seeds.size() - 1) + ")";
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("mean ± 95% confidence interval (Student's t) over the seeds; ▲ / ▼: balanced accuracy significantly"
                + " above / below " + baseline + "'s on the same seeds (paired t-test, p < " + SweepRow.SIGNIFICANCE
                + "); vs " + baseline + ": mean difference in balanced accuracy");
        notes.add(ComparisonTable.shotGroupsNote(thresholds));
        String finished = results.size() + " of " + plannedRuns() + " runs finished";
        notes.add(interrupted ? "interrupted: " + finished + "; the rows summarise those" : finished);
        failures.forEach((cell, reason) -> notes.add("run " + cell + " failed: " + reason));
        return notes;
    }
}
