package io.losslab.data;

/**
 * How many training examples a class has, in the three groups long-tail papers report accuracy
 * for: many-shot, medium-shot and few-shot classes. The boundaries are {@link ShotThresholds}.
 *
 * <pre>{@code
 * ShotGroup g = ShotThresholds.DEFAULT.groupOf(57);   // MEDIUM
 * }</pre>
 */
public enum ShotGroup {
    /** More training examples than the many-shot threshold (default: more than 100). */
    MANY("many"),
    /** Between the two thresholds (default: 20 to 100). */
    MEDIUM("medium"),
    /** Fewer training examples than the few-shot threshold (default: fewer than 20). */
    FEW("few");

    private final String displayName;

    ShotGroup(String displayName) {
        this.displayName = displayName;
    }

    /** The group's name in tables: "many", "medium" or "few". */
    public String displayName() {
        return displayName;
    }
}
