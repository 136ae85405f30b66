package org.caniclab.core.metrics;

import java.util.Locale;

/** The {@code outcome} label of a scaling metric row; declared in label order. */
public enum ScalingOutcome {
    COMPLETED,
    FAILED,
    SKIPPED,
    STARTED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * The reasons a row with this outcome can carry, whatever the operation: a start is always {@code ok}; a
     * completion {@code ok} or the plan's spawn reason; a skip a refusal or a bootstrap's no-op; a failure one of
     * {@code from_error}'s reasons or the missing worker entry. What bounds the rows any run can show.
     */
    public java.util.Set<ScalingReason> possibleReasons() {
        return switch (this) {
            case STARTED -> java.util.EnumSet.of(ScalingReason.OK);
            case COMPLETED -> java.util.EnumSet.of(ScalingReason.OK, ScalingReason.BELOW_MIN_WORKERS);
            case SKIPPED -> java.util.EnumSet.of(ScalingReason.AT_MAX_WORKERS, ScalingReason.WITHIN_BOUNDS,
                    ScalingReason.SCALING_DISABLED, ScalingReason.NO_INITIAL_WORKERS, ScalingReason.TARGET_SATISFIED);
            case FAILED -> java.util.EnumSet.of(ScalingReason.POLICY_DENIED, ScalingReason.INVALID_STATE,
                    ScalingReason.MANAGEMENT_CALL, ScalingReason.UNKNOWN, ScalingReason.MISSING_WORKER_ENTRY);
        };
    }

    /** The most metric rows a run can show: every operation with every outcome's possible reasons. */
    public static int maxRows() {
        int perOperation = 0;
        for (ScalingOutcome o : values()) {
            perOperation += o.possibleReasons().size();
        }
        return ScalingOperation.values().length * perOperation;
    }

    /** The exported lowercase label, e.g. {@code started}. */
    public String label() {
        return label;
    }
}
