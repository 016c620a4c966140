package io.losslab.magics;

import io.losslab.loss.Loss;
import io.losslab.loss.Losses;
import io.losslab.plot.Plots;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code %lossplot}: the loss-shape figure, or the teaching slider over one loss's parameter. */
final class LossPlotMagic implements Magic {

    private static final long[] HEAD_AND_TAIL = {900, 100};

    @Override
    public String name() {
        return "lossplot";
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String summary() {
        return "plot loss shapes (value and gradient weight against p_y), or a slider over a parameter";
    }

    @Override
    public String usage() {
        return """
                %lossplot SPEC [SPEC ...] [counts=900,100] [class=1]
                    each loss's value and its gradient weight relative to ce against the target
                    probability p_y; losses that use the class distribution are bound to counts
                    (default a head class of 900 and a tail class of 100) and drawn for class
                %lossplot slider focal|logit-adjusted|soft-truncation|am-softmax|exact
                    the same picture with a slider over γ, τ, K, the margin or σ

                In Java: Plots.lossShapes(losses, counts, targetClass), Plots.lossSlider("focal").

                Example:
                  %lossplot ce focal(gamma=2) logit-adjusted(tau=1)

                The losses, with their defaults:
                """ + Losses.catalogue().stream().map(info -> "  " + info.usage() + "    " + info.summary())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public Object run(List<String> words, String body, MagicContext context) {
        MagicArguments args = MagicArguments.parse(this, words, Set.of("counts", "class"));
        if (args.size() == 0) {
            throw new MagicUsageException(this, "missing the losses to plot, e.g. ce focal(gamma=2)");
        }
        if (args.word(0, "").equals("slider")) {
            return Plots.lossSlider(args.atMost(2).word(1, "the loss to put a slider on"));
        }
        long[] counts = args.integers("counts", HEAD_AND_TAIL);
        long targetClass = args.integer("class", counts.length - 1);
        if (targetClass < 0 || targetClass >= counts.length) {
            throw new MagicUsageException(this, "class = " + targetClass + " is outside [0, " + counts.length + ")");
        }
        List<Loss> losses = args.wordsFrom(0).stream().map(Losses::parse).toList();
        return Plots.lossShapes(losses, counts, (int) targetClass);
    }
}
