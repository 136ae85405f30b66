package org.caniclab.core.policy;

import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;

/** Canic 0.33.3's table: the floor is the configured {@code min_workers}. */
final class SeedScalingPolicy implements ScalingPolicy {
    static final SeedScalingPolicy INSTANCE = new SeedScalingPolicy();

    private SeedScalingPolicy() {}

    @Override
    public ScalingPlan planCreateWorker(String pool, int count, int demand, Optional<ScalingConfig> config) {
        ScalePool p = ScalingPolicy.resolve(pool, config);
        int min = p.policy().minWorkers();
        return new ScalingPlan(pool, count, min, p, ScalingPolicy.decide(count, min, p.policy()));
    }

    @Override
    public String toString() {
        return "seed-0.33.3";
    }
}
