package io.losslab.plot;

/**
 * The colours of series and classes: Plotly's default sequence, so that LossLab figures look
 * like the ones people know, and one colour per series across every panel of a figure.
 */
final class Palette {

    private static final String[] COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    };

    /** Reference lines (plain cross-entropy, perfect calibration) stay out of the series' colours. */
    static final String REFERENCE = "#555555";

    private Palette() {
    }

    /** The colour of series {@code i}, repeating after ten. */
    static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    /** The colour of series {@code i} with an opacity, for filled regions. */
    static String color(int i, double opacity) {
        String hex = color(i);
        return "rgba(" + Integer.parseInt(hex.substring(1, 3), 16) + "," + Integer.parseInt(hex.substring(3, 5), 16)
                + "," + Integer.parseInt(hex.substring(5, 7), 16) + "," + opacity + ")";
    }
}
