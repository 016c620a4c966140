package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.property.ListProperty;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trainers as an OLCUT configuration file makes them, and the settings their provenance records. */
public final class Configured {

    private Configured() {
    }

    /**
     * A {@code type} configured by OLCUT with the given property values, as a configuration file
     * writes them: a list, for an array setting, as a list of its entries' texts.
     */
    public static <C extends Configurable> C byOlcut(Class<C> type, Map<String, ?> properties) {
        ConfigurationData data = new ConfigurationData("configured", type.getName());
        properties.forEach((name, value) -> data.add(name, property(value)));
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(data);
        return type.cast(cm.lookup("configured"));
    }

    private static Property property(Object value) {
        if (value instanceof List<?> entries) {
            return new ListProperty(entries.stream().map(entry -> new SimpleProperty(entry.toString())).toList());
        }
        return new SimpleProperty(value.toString());
    }

    /**
     * A {@code type} configured by OLCUT from the configuration {@code provenance} records: what
     * a configuration file written from a trained model's provenance makes.
     */
    public static <C extends Configurable> C fromProvenance(Class<C> type, ConfiguredObjectProvenance provenance) {
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(ProvenanceUtil.extractConfiguration(provenance));
        return type.cast(cm.lookup(ProvenanceUtil.computeName(provenance, 0)));
    }

    /** The names of the settings in {@code trainer}'s provenance. */
    public static Set<String> recordedSettings(Provenancable<? extends ConfiguredObjectProvenance> trainer) {
        return trainer.getProvenance().getConfiguredParameters().keySet();
    }
}
