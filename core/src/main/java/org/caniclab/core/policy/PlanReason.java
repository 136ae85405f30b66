package org.caniclab.core.policy;

/** Why a plan spawns or refuses, as Canic's {@code ScalingPlanReason}; only {@link #BELOW_MIN_WORKERS} spawns. */
public enum PlanReason {
    AT_MAX_WORKERS,
    BELOW_MIN_WORKERS,
    WITHIN_BOUNDS;

    /** True when this reason means "create a worker". */
    public boolean spawns() {
        return this == BELOW_MIN_WORKERS;
    }
}
