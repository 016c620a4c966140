package io.losslab.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minified plotly.js that LossLab's figures draw with, and where a notebook page finds it.
 *
 * <p>Notebook outputs do not carry the library: an output that carried it for the others would
 * take every figure down with it when it is re-run or cleared, and a notebook would store 5 MB
 * for nothing. A figure's HTML instead uses the page's {@code window.Plotly}, and on a Jupyter
 * page without it loads the copy the Jupyter server serves at {@link #SERVED_PATH} (the launcher
 * configures the server to serve it). Pages that must stand alone — a saved figure, an exported
 * report — carry the library once, in {@link #scriptElement()}.
 *
 * <pre>{@code
 * String v = PlotlyJs.version();    // "3.7.0"
 * }</pre>
 *
 * <p>The library is the npm registry's {@code plotly.js-dist-min}, fetched and checked by the
 * build (MIT licence, in {@code plotly.js-LICENSE} beside it).
 */
public final class PlotlyJs {

    private static final String RESOURCE = "plotly.min.js";
    private static final Pattern VERSION = Pattern.compile("plotly\\.js v(\\d+\\.\\d+\\.\\d+)");
    /** Where a Jupyter server that LossLab set up serves the library, relative to its base URL. */
    public static final String SERVED_PATH = "static/losslab/plotly.min.js";

    private PlotlyJs() {
    }

    /** The plotly.js version, e.g. {@code "3.7.0"}. */
    public static String version() {
        Matcher m = VERSION.matcher(Library.TEXT.substring(0, Math.min(Library.TEXT.length(), 200)));
        if (!m.find()) {
            throw new IllegalStateException(RESOURCE + " does not start with its version banner");
        }
        return m.group(1);
    }

    /** The library's JavaScript. */
    public static String script() {
        return Library.TEXT;
    }

    /**
     * The library in an inline script element. {@code </script} is written {@code <\/script},
     * which means the same inside JavaScript strings and regular expressions, so that a future
     * plotly.js containing it cannot end the element early.
     */
    public static String scriptElement() {
        return "<script type=\"text/javascript\">" + Library.TEXT.replace("</script", "<\\/script") + "</script>";
    }

    /** Reads the 5 MB library only when a figure first needs it. */
    private static final class Library {
        static final String TEXT = load();

        private static String load() {
            try (InputStream in = PlotlyJs.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("io/losslab/plot/" + RESOURCE + " is not on the classpath: "
                            + "build losslab-core with Maven, which fetches plotly.js through npm");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }
    }
}
