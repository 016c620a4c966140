package io.losslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures in a real browser with no network: a page of figure outputs one after another as an
 * exported notebook holds them (only the first carrying plotly.js), and saved standalone pages.
 * Each figure must draw Plotly's SVG roots, sliders must move the data, and the page must log no
 * JavaScript error.
 */
class BrowserRenderTest {

    private static final String BANNER = "* plotly.js v";
    private static final Pattern REPORT = Pattern.compile("<pre id=\"report\">(.*?)</pre>", Pattern.DOTALL);

    /** Records errors before anything else runs, so that the library's own failures are caught too. */
    private static final String ERROR_HOOK = """
            <script>
            window.pageErrors = [];
            window.addEventListener('error', function (e) { window.pageErrors.push('error: ' + e.message); });
            window.addEventListener('unhandledrejection', function (e) {
              window.pageErrors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
            });
            (function () {
              var original = console.error;
              console.error = function () {
                window.pageErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                original.apply(console, arguments);
              };
            })();
            </script>
            """;

    /**
     * Waits until every figure has drawn (or 15 s have passed), moves each slider to its last step
     * with the method and arguments a click would use, checks that the data followed, and writes
     * what it found into the page as JSON.
     */
    private static final String PROBE = """
            <pre id="report"></pre>
            <script>
            (function () {
              var started = Date.now();
              function figures() { return Array.prototype.slice.call(document.querySelectorAll('div.losslab-figure')); }
              function svgRoots(div) { return div.querySelectorAll('svg.main-svg').length; }
              function same(a, b) {
                if (!a || !b || a.length !== b.length) return false;
                for (var i = 0; i < a.length; i++) {
                  if (Math.abs(a[i] - b[i]) > 1e-6 * Math.max(1, Math.abs(b[i]))) return false;
                }
                return true;
              }
              function moveSlider(div) {
                var slider = div.layout && div.layout.sliders && div.layout.sliders[0];
                if (!slider) return Promise.resolve(null);
                var step = slider.steps[slider.steps.length - 1];
                var call = step.method === 'animate'
                    ? Plotly.animate(div, step.args[0], step.args[1])
                    : Plotly[step.method].apply(null, [div].concat(step.args));
                return Promise.resolve(call).then(function () {
                  if (step.method === 'animate') {
                    var frame = div._transitionData._frameHash[step.args[0][0]];
                    return same(div.data[0].x, frame.data[0].x) ? 'moved' : 'the data did not follow';
                  }
                  return same(div.data[0].y, step.args[0].y[0]) ? 'moved' : 'the data did not follow';
                });
              }
              function finish() {
                var divs = figures();
                Promise.all(divs.map(function (div) { return window.Plotly && div.data ? moveSlider(div) : null; }))
                  .then(function (moves) {
                    document.getElementById('report').textContent = JSON.stringify({
                      figures: divs.map(function (div, i) {
                        return {
                          svgRoots: svgRoots(div),
                          sliderDrawn: div.querySelector('.slider-container') !== null,
                          slider: moves[i],
                          text: svgRoots(div) ? '' : div.textContent
                        };
                      }),
                      errors: window.pageErrors
                    });
                  }, function (e) {
                    document.getElementById('report').textContent = JSON.stringify({figures: [], errors: ['probe: ' + e]});
                  });
              }
              (function wait() {
                var divs = figures();
                if (divs.length > 0 && divs.every(function (d) { return svgRoots(d) > 0; }) || Date.now() - started > 15000) {
                  finish();
                } else {
                  setTimeout(wait, 100);
                }
              })();
            })();
            </script>
            """;

    private static Path out;
    private static Chromium chromium;

    @BeforeAll
    static void findChromium(@TempDir Path scratch) throws IOException {
        chromium = Chromium.find(scratch);
        out = Path.of(System.getProperty("basedir", "."), "target", "plot-browser");
        Files.createDirectories(out);
    }

    @Test
    void aReportPageOfFigureOutputsDrawsEveryFigureOffline() throws Exception {
        List<Figure> figures = SampleFigures.all();
        List<String> outputs = new ArrayList<>();
        for (Figure f : figures) {
            outputs.add(f.mimeBundle().get("text/html"));
        }
        assertEquals(0, outputs.stream().filter(o -> o.contains(BANNER)).count(), "no output carries plotly.js");

        Path page = writePage("notebook-page.html", outputs, PlotlyJs.scriptElement(), "");
        Chromium.Run run = chromium.dumpDom(page, 30_000);
        JsonNode report = report(run);

        JsonNode drawn = report.path("figures");
        assertEquals(figures.size(), drawn.size(), "every output's div is on the page");
        for (int i = 0; i < figures.size(); i++) {
            JsonNode figure = drawn.path(i);
            assertTrue(figure.path("svgRoots").asInt() > 0,
                    "figure " + i + " (" + figures.get(i).title() + ") did not draw: " + figure.path("text").asText());
        }
        List<String> sliders = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            if (!drawn.path(i).path("slider").isNull()) {
                sliders.add(figures.get(i).title().replaceAll("[:<].*", "") + ": " + drawn.path(i).path("slider").asText());
                assertTrue(drawn.path(i).path("sliderDrawn").asBoolean(), "figure " + i + " shows its slider");
            }
        }
        assertEquals(List.of("focal(gamma=2): moved", "Forward process: moved"), sliders,
                "the loss slider (restyling steps) and the diffusion slider (frames) move with no kernel");
        assertEquals("[]", report.path("errors").toString(), "JavaScript errors on the page");
        assertEquals(List.of(), run.uncaughtErrors());
    }

    @Test
    void savedFiguresDrawOnTheirOwnOffline() throws Exception {
        List<Figure> saved = List.of(Plots.classDistribution(SampleFigures.longTail(), Scale.LOG),
                Plots.lossSlider("logit-adjusted"), SampleFigures.diffusion(), SampleFigures.regions());
        for (int i = 0; i < saved.size(); i++) {
            Path page = saved.get(i).save(out.resolve("saved-" + i + ".html"));
            Chromium.Run run = chromium.dumpDom(page, 10_000);
            assertTrue(run.stdout().contains("class=\"main-svg\""),
                    saved.get(i).title() + " did not draw from its saved page:\n" + Chromium.tail(run.stderr()));
            assertFalse(run.stdout().contains(">This figure needs plotly.js"), "the saved page has the library");
            assertEquals(List.of(), run.uncaughtErrors(), saved.get(i).title());
            boolean hasSlider = !FigureJson.layout(saved.get(i)).path("sliders").isMissingNode();
            assertEquals(hasSlider, run.stdout().contains("class=\"slider-container\""), "a slider is drawn where there is one");
        }
    }

    @Test
    void aClassDistributionScreenshotShowsTheColouredBars() throws Exception {
        Path page = Plots.classDistribution(SampleFigures.longTail(), Scale.LOG).save(out.resolve("class-distribution.html"));
        Path png = out.resolve("class-distribution.png");
        Files.deleteIfExists(png);
        chromium.screenshot(page, png, 1000, 480);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        // The bars in their group colours: many-shot blue, medium orange, few-shot red.
        assertTrue(pixelsNear(image, 0x1f77b4) > 5_000, "many-shot bars");
        assertTrue(pixelsNear(image, 0xff7f0e) > 1_000, "medium-shot bars");
        assertTrue(pixelsNear(image, 0xd62728) > 200, "few-shot bars");
    }

    /**
     * The checks above can fail: a figure output without the library on the page does not draw
     * (and says why), and an error in the page is reported.
     */
    @Test
    void theChecksSeeAFigureThatDidNotDrawAndAnError() throws Exception {
        Figure figure = Plots.classDistribution(SampleFigures.longTail());
        String withoutLibrary = figure.toHtml();
        Path page = writePage("control.html", List.of(withoutLibrary), "", "<script>notAFunction();</script>");
        Chromium.Run run = chromium.dumpDom(page, 30_000);
        JsonNode report = report(run);
        assertEquals(0, report.path("figures").path(0).path("svgRoots").asInt());
        assertTrue(report.path("figures").path(0).path("text").asText().contains("needs plotly.js"),
                report.path("figures").path(0).toString());
        assertTrue(report.path("errors").toString().contains("notAFunction"), report.toString());
        assertEquals(1, run.uncaughtErrors().size(), run.stderr());
    }

    /** A page of notebook outputs, with {@code head} (the library, as a report carries it) in its head. */
    private static Path writePage(String name, List<String> outputs, String head, String extra) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>LossLab figures as an exported notebook</title>\n" + ERROR_HOOK + head + "</head>\n<body>\n");
        for (String output : outputs) {
            html.append("<div class=\"output_html\">\n").append(output).append("\n</div>\n");
        }
        html.append(extra).append(PROBE).append("</body>\n</html>\n");
        Path page = out.resolve(name);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    private static JsonNode report(Chromium.Run run) {
        Matcher m = REPORT.matcher(run.stdout());
        if (!m.find() || m.group(1).isEmpty()) {
            fail("the page never reported (its scripts did not run to the end):\n" + Chromium.tail(run.stderr()));
        }
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        return FigureJson.parse(json);
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int distance = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff))
                        + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) + Math.abs((p & 0xff) - (rgb & 0xff));
                count += distance < 24 ? 1 : 0;
            }
        }
        return count;
    }
}
