package io.losslab.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import io.losslab.train.Configured;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The trainer's settings: the builder, the checks, provenance and OLCUT configuration. */
class TrainerSettingsTest {

    private static final int TRAINING_STEPS = 20;

    @Test
    void eachBadSettingIsRefusedInOneSentenceNamingItAndItsValue() {
        assertRefusedSetting(() -> DiffusionTrainer.builder().hiddenSizes().build(), "hiddenSizes", "[]");
        assertRefusedSetting(() -> DiffusionTrainer.builder().hiddenSizes(16, 0).build(), "hiddenSizes", "[16, 0]");
        assertRefusedSetting(() -> DiffusionTrainer.builder().timeEmbedding(7).build(), "timeEmbedding", "7");
        assertRefusedSetting(() -> DiffusionTrainer.builder().timeEmbedding(0).build(), "timeEmbedding", "0");
        assertRefusedSetting(() -> DiffusionTrainer.builder().batchSize(0).build(), "batchSize", "0");
        assertRefusedSetting(() -> DiffusionTrainer.builder().learningRate(-1e-3).build(), "learningRate", "-0.001");
        assertRefusedSetting(() -> DiffusionTrainer.builder().learningRate(Double.POSITIVE_INFINITY).build(),
                "learningRate", "Infinity");
        assertRefusedSetting(() -> DiffusionTrainer.builder().steps(0).build(), "steps", "0");
        assertRefusedSetting(() -> DiffusionTrainer.builder().averageDecay(1).build(), "averageDecay", "1.0");
        assertRefusedSetting(() -> DiffusionTrainer.builder().averageDecay(Double.NaN).build(), "averageDecay", "NaN");
        assertRefusedSetting(() -> DiffusionTrainer.builder().threads(0).build(), "threads", "0");
        // The builder takes the schedule as a checked object, so its bad settings can only come from a configuration.
        assertRefusedConfiguration(Map.of("schedule", "quadratic"), "schedule", "quadratic");
        assertRefusedConfiguration(Map.of("diffusionSteps", "0"), "diffusionSteps", "0");
        assertRefusedConfiguration(Map.of("betaStart", "0"), "betaStart", "0.0");
        assertRefusedConfiguration(Map.of("betaEnd", "1"), "betaEnd", "1.0");
        assertRefusedConfiguration(Map.of("betaStart", "0.05", "betaEnd", "0.01"), "betaStart", "0.05");
        assertRefusedConfiguration(Map.of("steps", "-3"), "steps", "-3");
    }

    @Test
    void theBuilderChecksOnlyWhenItBuilds() {
        DiffusionTrainer.Builder builder = DiffusionTrainer.builder().steps(0);
        assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(TRAINING_STEPS, builder.steps(TRAINING_STEPS).build().train(SmallModels.MOONS).stepsTrained(),
                "a bad value can be corrected before building");
    }

    @Test
    void theProvenanceListsEverySettingAndTheModelCarriesIt() {
        DiffusionTrainer trainer = SmallModels.trainer().steps(TRAINING_STEPS).build();
        assertEquals(Set.of("schedule", "diffusionSteps", "betaStart", "betaEnd", "hiddenSizes", "timeEmbedding",
                "batchSize", "learningRate", "steps", "seed", "classConditional", "averageDecay", "threads"),
                Configured.recordedSettings(trainer));
        Map<String, String> recorded = recordedValues(trainer.getProvenance());
        assertEquals("linear", recorded.get("schedule"));
        assertEquals("50", recorded.get("diffusionSteps"));
        assertEquals("0.2", recorded.get("betaEnd"));
        assertEquals(String.valueOf(TRAINING_STEPS), recorded.get("steps"));
        assertEquals("5", recorded.get("seed"));
        assertTrue(trainer.toString().contains("hiddenSizes=[64, 64]"), trainer.toString());

        DiffusionModel model = trainer.train(SmallModels.MOONS);
        assertEquals(trainer.getProvenance(), model.trainerProvenance());
        assertEquals(trainer.getProvenance(), model.lastWeights().trainerProvenance());
    }

    @Test
    void aScheduleIsRecordedTheSameWayWhateverWasSetBefore() {
        DiffusionTrainer cosine = DiffusionTrainer.builder().schedule(NoiseSchedule.cosine(50)).build();
        DiffusionTrainer linearThenCosine = DiffusionTrainer.builder().schedule(NoiseSchedule.linear(50, 1e-3, 0.2))
                .schedule(NoiseSchedule.cosine(50)).build();
        assertEquals(cosine.getProvenance(), linearThenCosine.getProvenance());
        assertEquals("cosine", recordedValues(cosine.getProvenance()).get("schedule"));
    }

    @Test
    void aBuilderFromATrainerChangesACopyAndKeepsTheRest() {
        DiffusionTrainer trainer = SmallModels.trainer().steps(TRAINING_STEPS).build();
        ConfiguredObjectProvenance before = trainer.getProvenance();
        DiffusionTrainer reseeded = trainer.toBuilder().seed(6).build();
        assertEquals(before, trainer.getProvenance(), "the trainer it started from is unchanged");
        assertEquals(trainer.getProvenance(), trainer.toBuilder().build().getProvenance());
        Map<String, String> changed = recordedValues(reseeded.getProvenance());
        Map<String, String> original = recordedValues(before);
        assertEquals("6", changed.get("seed"));
        changed.remove("seed");
        original.remove("seed");
        assertEquals(original, changed, "only the seed differs");
    }

    @Test
    void olcutMakesTheTrainerTheBuilderMakesAndTheOneItsProvenanceDescribes() {
        DiffusionTrainer built = SmallModels.trainer().steps(TRAINING_STEPS).classConditional(true).averageDecay(0.9)
                .build();
        DiffusionTrainer fromFile = configured(Map.of("diffusionSteps", "50", "betaStart", "0.001", "betaEnd", "0.2",
                "hiddenSizes", List.of(64, 64), "timeEmbedding", "8", "batchSize", "128", "learningRate", "0.002",
                "steps", String.valueOf(TRAINING_STEPS), "seed", "5", "classConditional", "true"));
        assertNotEquals(built.getProvenance(), fromFile.getProvenance(), "averageDecay was left at its default");
        fromFile = fromFile.toBuilder().averageDecay(0.9).build();
        assertEquals(built.getProvenance(), fromFile.getProvenance());
        DiffusionTrainer fromProvenance = Configured.fromProvenance(DiffusionTrainer.class, built.getProvenance());
        assertEquals(built.getProvenance(), fromProvenance.getProvenance());

        double[] history = built.train(SmallModels.MOONS).lossHistory();
        assertArrayEquals(history, fromFile.train(SmallModels.MOONS).lossHistory(), 0);
        assertArrayEquals(history, fromProvenance.train(SmallModels.MOONS).lossHistory(), 0);
        assertFalse(history[TRAINING_STEPS - 1] == built.toBuilder().classConditional(false).build()
                .train(SmallModels.MOONS).lossHistory()[TRAINING_STEPS - 1], "the settings reach the training");
    }

    private static DiffusionTrainer configured(Map<String, ?> settings) {
        return Configured.byOlcut(DiffusionTrainer.class, settings);
    }

    private static Map<String, String> recordedValues(ConfiguredObjectProvenance provenance) {
        Map<String, String> values = new HashMap<>();
        provenance.getConfiguredParameters().forEach((name, value) -> values.put(name, value.toString()));
        return values;
    }

    /** OLCUT wraps the trainer's refusal, which is the one {@link #assertRefusedSetting} expects. */
    private static void assertRefusedConfiguration(Map<String, String> settings, String setting, String value) {
        PropertyException wrapped = assertThrows(PropertyException.class, () -> configured(settings));
        assertRefusedSetting(() -> {
            throw wrapped.getCause();
        }, setting, value);
    }

    /** A refusal in one sentence that starts with the setting's name and gives its bad value. */
    private static void assertRefusedSetting(Executable action, String setting, String value) {
        String message = assertThrows(IllegalArgumentException.class, action).getMessage();
        assertTrue(message.startsWith(setting + " "), message);
        assertTrue(message.contains(value), message);
        assertFalse(message.contains(". ") || message.contains("\n"), "one sentence: " + message);
    }
}
