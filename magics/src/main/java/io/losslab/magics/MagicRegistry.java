package io.losslab.magics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The magics a kernel offers, by name. {@link #standard()} has every LossLab magic.
 *
 * <pre>{@code
 * MagicRegistry magics = MagicRegistry.standard();
 * Object shown = magics.run("device", List.of(), null, context);
 * }</pre>
 */
public final class MagicRegistry {

    private final Map<String, Magic> magics = new LinkedHashMap<>();

    /** An empty registry. */
    public MagicRegistry() {
    }

    /** A registry with every LossLab magic. */
    public static MagicRegistry standard() {
        MagicRegistry registry = new MagicRegistry();
        registry.register(new LossLabMagic(registry));
        registry.register(new DatasetMagic());
        registry.register(new LossPlotMagic());
        registry.register(new TrainMagic());
        registry.register(new CompareMagic());
        registry.register(new DiffusionMagic());
        registry.register(new DeviceMagic());
        return registry;
    }

    /**
     * Adds a magic.
     *
     * @throws IllegalArgumentException if one of that name is already registered
     */
    public MagicRegistry register(Magic magic) {
        if (magics.putIfAbsent(magic.name(), magic) != null) {
            throw new IllegalArgumentException("a magic named " + magic.name() + " is already registered");
        }
        return this;
    }

    /** Every magic, in the order registered. */
    public Collection<Magic> all() {
        return List.copyOf(magics.values());
    }

    /**
     * The magic named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing those there are
     */
    public Magic get(String name) {
        Magic magic = magics.get(name);
        if (magic == null) {
            throw new IllegalArgumentException("there is no magic named '" + name + "'; the LossLab magics are: "
                    + String.join(", ", magics.keySet()) + " (%losslab lists them)");
        }
        return magic;
    }

    /** Runs the magic named {@code name}. */
    public Object run(String name, List<String> arguments, String body, MagicContext context) throws Exception {
        return get(name).run(arguments, body, context);
    }
}
