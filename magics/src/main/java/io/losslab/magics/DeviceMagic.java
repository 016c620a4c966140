package io.losslab.magics;

import io.losslab.train.Backend;
import java.util.List;

/** {@code %device}: shows the ND4J backend and device, or checks that a requested one is active. */
final class DeviceMagic implements Magic {

    @Override
    public String name() {
        return "device";
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String summary() {
        return "show the ND4J backend and device; %device cuda to use a GPU where there is one";
    }

    @Override
    public String usage() {
        return """
                %device          show the backend (cpu or cuda) and the device
                %device cpu      check that computations run on the CPU
                %device cuda     use the GPU, or say what is missing

                The backend is chosen when LossLab is built: the cuda Maven profile puts ND4J's
                CUDA backend in place of the CPU one (./losslab notebook -Pcuda).

                Example:
                  %device""";
    }

    @Override
    public Object run(List<String> arguments, String body, MagicContext context) {
        if (arguments.size() > 1) {
            throw new MagicUsageException(this, "expected at most one backend, but got: " + String.join(" ", arguments));
        }
        if (arguments.isEmpty()) {
            return RichText.of("backend " + Backend.current());
        }
        Backend.Kind wanted;
        try {
            wanted = Backend.Kind.parse(arguments.get(0));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(this, e.getMessage());
        }
        return RichText.of("backend " + Backend.require(wanted));
    }
}
