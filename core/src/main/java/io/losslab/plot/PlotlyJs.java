package io.losslab.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minified plotly.js that figures carry so that they draw with no network, and the record of
 * whether the current notebook page already has it.
 *
 * <p>A notebook page needs the library once: the first figure a session shows carries it in a
 * {@code <script>} (defining {@code window.Plotly}), later figures only their own data and a
 * small script that uses it. A kernel whose session restarts without a new JVM — a new page, or
 * a page whose outputs were cleared — calls {@link #resetSession()} so that the next figure
 * carries the library again; a kernel that starts a new JVM per session starts fresh anyway.
 *
 * <pre>{@code
 * PlotlyJs.resetSession();          // e.g. from the kernel's session-start hook
 * String v = PlotlyJs.version();    // "3.7.0"
 * }</pre>
 *
 * <p>The library is the npm registry's {@code plotly.js-dist-min}, fetched and checked by the
 * build (MIT licence, in {@code plotly.js-LICENSE} beside it).
 */
public final class PlotlyJs {

    private static final String RESOURCE = "plotly.min.js";
    private static final Pattern VERSION = Pattern.compile("plotly\\.js v(\\d+\\.\\d+\\.\\d+)");
    private static final AtomicBoolean INCLUDED = new AtomicBoolean();

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

    /** Forgets that the page has the library: the next figure shown carries it again. */
    public static void resetSession() {
        INCLUDED.set(false);
    }

    /** Whether a figure shown in this session has already carried the library. */
    public static boolean includedInSession() {
        return INCLUDED.get();
    }

    /** True exactly once per session: for the figure that is to carry the library. */
    static boolean claimInclusion() {
        return !INCLUDED.getAndSet(true);
    }

    /**
     * The library in an inline script element. {@code </script} is written {@code <\/script},
     * which means the same inside JavaScript strings and regular expressions, so that a future
     * plotly.js containing it cannot end the element early.
     */
    static String scriptElement() {
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
