package io.losslab.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.losslab.magics.Magic;
import io.losslab.magics.MagicContext;
import io.losslab.magics.MagicRegistry;
import io.losslab.magics.RichText;
import io.losslab.magics.Tables;
import io.losslab.data.ClassStats;
import io.losslab.eval.ComparisonTable;
import io.losslab.plot.Figure;
import com.google.gson.JsonParser;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Puts LossLab into a Jupyter kernel built on {@code jupyter-jvm-basekernel}: renderers for
 * LossLab's results and the LossLab magics. In a stock IJava kernel, after
 * {@code %jars losslab-kernel-all.jar}:
 *
 * <pre>{@code
 * io.losslab.kernel.LossLabExtension.install(io.github.spencerpark.ijava.IJava.getKernelInstance());
 * }</pre>
 *
 * <p>Only the base library's public API is used. Magics go into the kernel's
 * {@link Magics} registry, which IJava (and the bundled kernel) expose as {@code getMagics()}.
 */
public final class LossLabExtension {

    private static final MIMEType PLOTLY = MIMEType.parse(Figure.PLOTLY_MIME_TYPE);

    private LossLabExtension() {
    }

    /**
     * Registers LossLab's renderers and magics into {@code kernel}.
     *
     * @throws IllegalArgumentException if the kernel offers no magics registry
     */
    public static MagicRegistry install(BaseKernel kernel) {
        return install(kernel, findMagics(kernel), new KernelContext(kernel, (name, value) -> { }));
    }

    /** Registers LossLab's renderers, and its magics into {@code magics}, running them in {@code context}. */
    public static MagicRegistry install(BaseKernel kernel, Magics magics, MagicContext context) {
        registerRenderers(kernel.getRenderer());
        MagicRegistry registry = MagicRegistry.standard();
        for (Magic magic : registry.all()) {
            if (magic.isCellMagic()) {
                magics.registerCellMagic(magic.name(), (CellMagicFunction<Object>) (args, body) -> run(magic, args, body, context));
            } else {
                magics.registerLineMagic(magic.name(), (LineMagicFunction<Object>) args -> run(magic, args, null, context));
            }
        }
        return registry;
    }

    /** Registers how LossLab's result types are shown. */
    public static void registerRenderers(Renderer renderer) {
        renderer.createRegistration(RichText.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(LossLabExtension::renderRichText);
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML, PLOTLY)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(LossLabExtension::renderFigure);
        renderer.createRegistration(ComparisonTable.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> renderRichText(new RichText(table.toString(), table.toHtml()), context));
        renderer.createRegistration(ClassStats.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((stats, context) -> renderRichText(Tables.classStats(stats), context));
    }

    /**
     * A figure as its MIME bundle. The Plotly JSON goes out as a JSON object, as front ends with
     * a Plotly renderer expect, not as a string of JSON.
     */
    private static void renderFigure(Figure figure, RenderContext context) {
        Map<String, String> bundle = figure.mimeBundle();
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> bundle.get("text/plain"));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> bundle.get("text/html"));
        context.renderIfRequested(PLOTLY, () -> new JsonParser().parse(bundle.get(Figure.PLOTLY_MIME_TYPE)));
    }

    private static void renderRichText(RichText value, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, value::text);
        context.renderIfRequested(MIMEType.TEXT_HTML, value::html);
    }

    private static Object run(Magic magic, List<String> args, String body, MagicContext context) {
        try {
            return magic.run(args, body, context);
        } catch (Exception | LinkageError e) {
            throw MagicFailure.of(magic.name(), e);
        }
    }

    private static Magics findMagics(BaseKernel kernel) {
        try {
            Method getter = kernel.getClass().getMethod("getMagics");
            Object magics = getter.invoke(kernel);
            if (magics instanceof Magics registry) {
                return registry;
            }
        } catch (ReflectiveOperationException e) {
            // Falls through to the message below: the kernel has no public magics registry.
        }
        throw new IllegalArgumentException("kernel = " + kernel.getClass().getName()
                + " has no getMagics() registry, so LossLab's magics cannot be added to it");
    }
}
