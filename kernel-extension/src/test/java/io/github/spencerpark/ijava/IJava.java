package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stand-in for IJava 1.3.0's entry point, for LossLab's tests: {@code main} serves one Jupyter
 * connection file with a {@link JavaKernel}, and {@link #getKernelInstance()} hands cell code the
 * running kernel. The environment variable names are IJava's; {@code IJAVA_COMPILER_OPTS} and
 * {@code IJAVA_TIMEOUT} are not supported by the stand-in.
 */
public class IJava {
    /** The IJava release this stand-in imitates. */
    public static final String VERSION = "1.3.0";
    /** Extra classpath entries (separated by {@link java.io.File#pathSeparator}; globs allowed). */
    public static final String CLASSPATH_KEY = "IJAVA_CLASSPATH";
    /** Startup script files (separated by {@link java.io.File#pathSeparator}; globs allowed). */
    public static final String STARTUP_SCRIPTS_KEY = "IJAVA_STARTUP_SCRIPTS_PATH";
    /** Java code run at startup, after the startup script files. */
    public static final String STARTUP_SCRIPT_KEY = "IJAVA_STARTUP_SCRIPT";

    private static JavaKernel kernel;

    /** The kernel started by {@link #main}, or {@code null} when none is running. */
    public static JavaKernel getKernelInstance() {
        return kernel;
    }

    /** Serves the Jupyter connection file {@code args[0]} until the front end disconnects. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Missing connection file argument");
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("Connection file '" + connectionFile + "' isn't a file.");
        }
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        Logger.getLogger("").setLevel(Level.WARNING);

        JupyterConnection connection = new JupyterConnection(
                KernelConnectionProperties.parse(Files.readString(connectionFile)));
        kernel = new JavaKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel = null;
        System.exit(0);
    }
}
