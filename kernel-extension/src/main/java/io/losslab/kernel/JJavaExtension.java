package io.losslab.kernel;

import io.losslab.magics.Magic;
import io.losslab.magics.MagicRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * LossLab as a JJava extension. JJava finds it through the service
 * {@code org.dflib.jjava.jupyter.Extension} when LossLab's jar is on its classpath
 * ({@code JJAVA_CLASSPATH}, or {@code %classpath} in a cell) and installs it: LossLab's renderers,
 * its magics, and the imports that let cells use LossLab's classes and {@code Workspace} by their
 * simple names. JJava lets an extension evaluate code in the session even while a cell runs, so
 * what a magic binds is declared as a session variable at once.
 */
public final class JJavaExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        registerRenderers(kernel.getRenderer());
        KernelContext context = new KernelContext(value -> display(kernel, value),
                (id, value) -> kernel.getIO().display.updateDisplay(id, kernel.getRenderer().render(value)),
                (name, value) -> kernel.evalRaw(JavaLiterals.declaration(name, value)));
        MagicsRegistry magics = kernel.getMagicsRegistry();
        for (Magic magic : MagicRegistry.standard().all()) {
            if (magic.isCellMagic()) {
                magics.registerCellMagic(magic.name(), (CellMagic<Object, BaseKernel>) (k, args, body) -> MagicCalls.run(magic, args, body, context));
            } else {
                magics.registerLineMagic(magic.name(), (LineMagic<Object, BaseKernel>) (k, args) -> MagicCalls.run(magic, args, null, context));
            }
        }
        kernel.evalRaw(String.join("\n", SessionImports.LOSSLAB));
    }

    /**
     * Shows a value with a display id to update it by. The id is set as transient data because
     * {@code setDisplayId} changed its return type between JJava releases.
     */
    private static String display(BaseKernel kernel, Object value) {
        DisplayData data = kernel.getRenderer().render(value);
        String id = UUID.randomUUID().toString();
        data.putTransientData("display_id", id);
        kernel.display(data);
        return id;
    }

    private static void registerRenderers(Renderer renderer) {
        for (Map.Entry<Class<?>, List<String>> type : MimeBundles.PREFERRED.entrySet()) {
            renderer.createRegistration(type.getKey())
                    .preferring(type.getValue().toArray(String[]::new))
                    .supporting(MimeBundles.TEXT)
                    .register((value, context) -> MimeBundles.of(value)
                            .forEach((mime, data) -> context.renderIfRequested(MIMEType.parse(mime), () -> data)));
        }
    }
}
