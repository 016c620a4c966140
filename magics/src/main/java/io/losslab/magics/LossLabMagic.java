package io.losslab.magics;

import java.util.List;

/** {@code %losslab}: lists the magics, or gives one magic's usage. */
final class LossLabMagic implements Magic {

    private final MagicRegistry registry;

    LossLabMagic(MagicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "losslab";
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String summary() {
        return "list the LossLab magics; %losslab help NAME for one of them";
    }

    @Override
    public String usage() {
        return """
                %losslab              list the magics with one line each
                %losslab help NAME    usage of one magic, with an example

                Example:
                  %losslab help device""";
    }

    @Override
    public Object run(List<String> arguments, String body, MagicContext context) {
        if (arguments.isEmpty()) {
            return listing();
        }
        if (arguments.size() == 2 && arguments.get(0).equals("help")) {
            String name = arguments.get(1).replaceFirst("^%+", "");
            try {
                return RichText.of(registry.get(name).usage());
            } catch (IllegalArgumentException unknown) {
                throw new MagicUsageException(this, unknown.getMessage());
            }
        }
        throw new MagicUsageException(this, "unexpected arguments: " + String.join(" ", arguments));
    }

    private RichText listing() {
        StringBuilder text = new StringBuilder("LossLab magics:\n");
        StringBuilder html = new StringBuilder("<table><thead><tr><th>magic</th><th>what it does</th></tr></thead><tbody>");
        for (Magic magic : registry.all()) {
            String typed = (magic.isCellMagic() ? "%%" : "%") + magic.name();
            text.append(String.format("  %-12s %s%n", typed, magic.summary()));
            html.append("<tr><td><code>").append(typed).append("</code></td><td>")
                    .append(RichText.escape(magic.summary())).append("</td></tr>");
        }
        text.append("%losslab help NAME shows one magic's usage.");
        html.append("</tbody></table><p><code>%losslab help NAME</code> shows one magic's usage.</p>");
        return new RichText(text.toString(), html.toString());
    }
}
