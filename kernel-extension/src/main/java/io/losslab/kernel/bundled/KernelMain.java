package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Starts the bundled kernel: {@code java -cp losslab-kernel-all.jar io.losslab.kernel.bundled.KernelMain
 * CONNECTION_FILE}, as the kernelspec that {@code ./losslab kernel install} writes does.
 */
public final class KernelMain {

    private KernelMain() {
    }

    /** @param args the path of the connection file Jupyter wrote */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE (Jupyter starts the kernel with its connection file)");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isReadable(connectionFile)) {
            System.err.println("connection file " + connectionFile + " cannot be read");
            System.exit(2);
        }
        quietenKernelLogging();
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(properties);
        LossLabKernel kernel = new LossLabKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }

    /** The base library logs every message at INFO; only warnings belong in the kernel's log. */
    private static void quietenKernelLogging() {
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }
}
