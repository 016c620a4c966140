package io.losslab.train;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import java.util.Map;
import java.util.Set;
import org.tribuo.Trainer;

/** Trainers as an OLCUT configuration file makes them, and the settings their provenance records. */
final class Configured {

    private Configured() {
    }

    /** A {@code type} configured by OLCUT with the given property values. */
    static <C extends Configurable> C byOlcut(Class<C> type, Map<String, String> properties) {
        ConfigurationData data = new ConfigurationData("configured", type.getName());
        properties.forEach((name, value) -> data.add(name, new SimpleProperty(value)));
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(data);
        return type.cast(cm.lookup("configured"));
    }

    /** The names of the settings in {@code trainer}'s provenance. */
    static Set<String> recordedSettings(Trainer<?> trainer) {
        return trainer.getProvenance().getConfiguredParameters().keySet();
    }
}
