package org.caniclab.core.policy;

import org.caniclab.core.config.ScalePool;

/**
 * The decision of a {@link ScalingPolicy} for one pool at one observed count.
 *
 * <p>The worker entry Canic builds on a spawn ({@code pool}, {@code canister_role}) is {@link #pool()}
 * with {@link #poolConfig()}'s role. {@code minWorkers} is the floor the decision used: the configured
 * {@code min_workers} for the seed's table, or a load-derived floor for a load-aware policy.
 *
 * <pre>{@code
 * ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("api", 1, Optional.of(cfg));
 * if (plan.shouldSpawn()) { ... plan.poolConfig().canisterRole() ... } else log(plan.reasonText());
 * }</pre>
 */
public record ScalingPlan(String pool, int count, int minWorkers, ScalePool poolConfig, PlanReason reason) {

    public boolean shouldSpawn() {
        return reason.spawns();
    }

    /** Canic's human-readable reason string for this decision. */
    public String reasonText() {
        int max = poolConfig.policy().maxWorkers();
        return switch (reason) {
            case AT_MAX_WORKERS -> "pool '" + pool + "' at max_workers (" + count + "/" + max + ")";
            case BELOW_MIN_WORKERS -> "pool '" + pool + "' below min_workers (current " + count + ", min "
                    + minWorkers + ")";
            case WITHIN_BOUNDS -> "pool '" + pool + "' within policy bounds (current " + count + ", min "
                    + minWorkers + ", max " + max + ")";
        };
    }
}
