package org.caniclab.core.policy;

import org.caniclab.core.config.ScalePool;

/**
 * The decision of a {@link ScalingPolicy} for one pool at one observed count.
 *
 * <p>The worker entry Canic builds on a spawn ({@code pool}, {@code canister_role}) is {@link #pool()}
 * with {@link #poolConfig()}'s role. {@code minWorkers} is the floor the decision used: the configured
 * {@code min_workers} for the seed's table, or a load-derived floor for a load-aware policy. {@code count} and
 * {@code minWorkers} are unsigned 32-bit values, as Canic's {@code u32}s.
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
        // count, floor and max are u32s in Canic: printed unsigned, as Rust's format! prints them
        String max = Integer.toUnsignedString(poolConfig.policy().maxWorkers());
        String current = Integer.toUnsignedString(count);
        String min = Integer.toUnsignedString(minWorkers);
        return switch (reason) {
            case AT_MAX_WORKERS -> "pool '" + pool + "' at max_workers (" + current + "/" + max + ")";
            case BELOW_MIN_WORKERS -> "pool '" + pool + "' below min_workers (current " + current + ", min "
                    + min + ")";
            case WITHIN_BOUNDS -> "pool '" + pool + "' within policy bounds (current " + current + ", min "
                    + min + ", max " + max + ")";
        };
    }
}
