package org.caniclab.core.metrics;

import java.util.Locale;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.policy.PlanReason;

/** The {@code reason} label of a scaling metric row, with Canic's two mappings into it; declared in label order. */
public enum ScalingReason {
    AT_MAX_WORKERS,
    BELOW_MIN_WORKERS,
    INVALID_STATE,
    MANAGEMENT_CALL,
    MISSING_WORKER_ENTRY,
    NO_INITIAL_WORKERS,
    OK,
    POLICY_DENIED,
    SCALING_DISABLED,
    TARGET_SATISFIED,
    UNKNOWN,
    WITHIN_BOUNDS;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The exported lowercase label, e.g. {@code below_min_workers}. */
    public String label() {
        return label;
    }

    /**
     * Canic's {@code from_error}: (Infra, Infra) → {@code management_call}; Access or Domain →
     * {@code policy_denied}; Invariant, Ops or Workflow → {@code invalid_state}; anything else →
     * {@code unknown}.
     */
    public static ScalingReason fromError(CanicError err) {
        return switch (err.errorClass()) {
            case INFRA -> err.origin() == org.caniclab.core.error.ErrorOrigin.INFRA ? MANAGEMENT_CALL : UNKNOWN;
            case ACCESS, DOMAIN -> POLICY_DENIED;
            case INVARIANT, OPS, WORKFLOW -> INVALID_STATE;
        };
    }

    /** Canic's {@code from_plan_reason}. */
    public static ScalingReason fromPlanReason(PlanReason r) {
        return switch (r) {
            case AT_MAX_WORKERS -> AT_MAX_WORKERS;
            case BELOW_MIN_WORKERS -> BELOW_MIN_WORKERS;
            case WITHIN_BOUNDS -> WITHIN_BOUNDS;
        };
    }
}
