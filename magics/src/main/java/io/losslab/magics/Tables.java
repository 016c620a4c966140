package io.losslab.magics;

import io.losslab.data.ClassStats;
import io.losslab.data.ShotGroup;
import java.util.Locale;

/** LossLab's results as tables a notebook shows: plain text and HTML with the same content. */
public final class Tables {

    private Tables() {
    }

    /** A dataset's class statistics: one row per class, with the totals and ρ above. */
    public static RichText classStats(ClassStats stats) {
        StringBuilder html = new StringBuilder("<p>")
                .append(String.format(Locale.ROOT, "%d examples, %d classes, ρ = %.4g, Gini = %.3f",
                        stats.total(), stats.numClasses(), stats.imbalanceRatio(), stats.gini()))
                .append("</p><table><thead><tr><th>class</th><th>count</th><th>prior</th><th>shots</th></tr></thead><tbody>");
        double[] prior = stats.prior();
        for (int k = 0; k < stats.numClasses(); k++) {
            html.append("<tr><td>").append(RichText.escape(stats.classNames().get(k))).append("</td><td>")
                    .append(stats.count(k)).append("</td><td>").append(String.format(Locale.ROOT, "%.4f", prior[k]))
                    .append("</td><td>").append(stats.group(k).displayName()).append("</td></tr>");
        }
        html.append("</tbody></table><p>");
        for (ShotGroup group : ShotGroup.values()) {
            html.append(group.displayName()).append("-shot: ").append(stats.classesIn(group).length).append(" classes; ");
        }
        return new RichText(stats.toString(), html.append("</p>").toString());
    }
}
