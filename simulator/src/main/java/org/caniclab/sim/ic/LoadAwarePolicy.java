package org.caniclab.sim.ic;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.policy.ScalingPlan;
import org.caniclab.core.policy.ScalingPolicy;

/**
 * The seed's decision table over a load-derived floor: {@code decide(count, max(min_workers, desired),
 * policy)}, where an autoscaler sets {@code desired} per pool. Pools without an autoscaler keep desired 0,
 * so their decisions are exactly the seed's; resolution errors and {@code max_workers} stay Canic's.
 */
final class LoadAwarePolicy implements ScalingPolicy {
    // Looked up by pool, never iterated.
    private final Map<String, Integer> desired = new HashMap<>();

    void setDesired(String pool, int workers) {
        desired.put(pool, workers);
    }

    int desired(String pool) {
        return desired.getOrDefault(pool, 0);
    }

    @Override
    public ScalingPlan planCreateWorker(String pool, int count, Optional<ScalingConfig> config) {
        ScalePool p = ScalingPolicy.resolve(pool, config);
        int floor = Math.max(p.policy().minWorkers(), desired(pool));
        return new ScalingPlan(pool, count, floor, p, ScalingPolicy.decide(count, floor, p.policy()));
    }

    @Override
    public String toString() {
        return "load-aware floor over seed-0.33.3";
    }
}
