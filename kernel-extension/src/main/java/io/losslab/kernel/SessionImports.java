package io.losslab.kernel;

import java.util.List;

/**
 * The imports that let a session use LossLab by simple names: its packages and the
 * {@link io.losslab.magics.Workspace} that magics bind their results in. The bundled kernel and
 * the JJava extension evaluate them at start; the README gives them to IJava users to type.
 */
public final class SessionImports {

    /** One import statement each. */
    public static final List<String> LOSSLAB = List.of(
            "import io.losslab.data.*;",
            "import io.losslab.loss.*;",
            "import io.losslab.plot.*;",
            "import io.losslab.train.*;",
            "import io.losslab.eval.*;",
            "import io.losslab.experiment.*;",
            "import io.losslab.diffusion.*;",
            "import io.losslab.magics.Workspace;");

    private SessionImports() {
    }
}
