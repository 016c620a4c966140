package io.losslab.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.losslab.magics.Magic;
import io.losslab.magics.MagicContext;
import io.losslab.magics.MagicRegistry;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Puts LossLab into a Jupyter kernel built on {@code jupyter-jvm-basekernel}, as IJava is:
 * renderers for LossLab's results and the LossLab magics. In a stock IJava kernel, after
 * {@code %jars losslab-kernel-all.jar}:
 *
 * <pre>{@code
 * io.losslab.kernel.LossLabExtension.install(io.github.spencerpark.ijava.IJava.getKernelInstance());
 * }</pre>
 *
 * <p>Only the base library's public API is used. Magics go into the kernel's
 * {@link Magics} registry, which IJava (and the bundled kernel) expose as {@code getMagics()}.
 * IJava throws a magic's return value away, so every magic displays its result instead.
 */
public final class LossLabExtension {

    private LossLabExtension() {
    }

    /**
     * Registers LossLab's renderers and magics into {@code kernel}. The kernel cannot declare the
     * variables magics bind, so each binding tells the user how to read it from the workspace.
     *
     * @throws IllegalArgumentException if the kernel offers no magics registry
     */
    public static void install(BaseKernel kernel) {
        install(kernel, findMagics(kernel), kernel.getIO().display::updateDisplay, null);
    }

    /**
     * Registers LossLab's renderers, and its magics into {@code magics}.
     *
     * @param update  publishes a new version of a display; the data carries the display's id
     * @param declare declares a session variable for each value a magic binds, or null where
     *                the kernel cannot
     * @return the context the magics run in, for the kernel's own {@code display(...)}
     */
    public static KernelContext install(BaseKernel kernel, Magics magics, Consumer<DisplayData> update,
            BiConsumer<String, Object> declare) {
        registerRenderers(kernel.getRenderer());
        KernelContext context = new KernelContext(value -> display(kernel, value),
                (id, value) -> update.accept(withId(kernel.getRenderer().render(value), id)), declare);
        register(MagicRegistry.standard(), magics, context);
        return context;
    }

    private static void register(MagicRegistry registry, Magics magics, MagicContext context) {
        for (Magic magic : registry.all()) {
            if (magic.isCellMagic()) {
                magics.registerCellMagic(magic.name(), (CellMagicFunction<Object>) (args, body) -> MagicCalls.run(magic, args, body, context));
            } else {
                magics.registerLineMagic(magic.name(), (LineMagicFunction<Object>) args -> MagicCalls.run(magic, args, null, context));
            }
        }
    }

    private static String display(BaseKernel kernel, Object value) {
        String id = UUID.randomUUID().toString();
        kernel.display(withId(kernel.getRenderer().render(value), id));
        return id;
    }

    private static DisplayData withId(DisplayData data, String id) {
        data.setDisplayId(id);
        return data;
    }

    /** Registers how LossLab's result types are shown. */
    public static void registerRenderers(Renderer renderer) {
        for (Map.Entry<Class<?>, List<String>> type : MimeBundles.PREFERRED.entrySet()) {
            renderer.createRegistration(type.getKey())
                    .preferring(type.getValue().stream().map(MIMEType::parse).toArray(MIMEType[]::new))
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((value, context) -> MimeBundles.of(value)
                            .forEach((mime, data) -> context.renderIfRequested(MIMEType.parse(mime), () -> data)));
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
