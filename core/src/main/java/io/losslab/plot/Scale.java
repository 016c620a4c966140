package io.losslab.plot;

/**
 * The scale of a count axis. A long-tailed distribution spans orders of magnitude, and only a
 * log scale shows its tail.
 *
 * <pre>{@code
 * Plots.classDistribution(counts, Scale.LOG);
 * }</pre>
 */
public enum Scale {
    /** Equal steps for equal differences. */
    LINEAR,
    /** Equal steps for equal ratios. */
    LOG;

    /** The Plotly axis type. */
    String axisType() {
        return this == LOG ? "log" : "linear";
    }
}
