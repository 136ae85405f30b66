package org.caniclab.core.policy;

import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;

/** The seed's table over the floor {@code max(min_workers, demand)}; see {@link ScalingPolicy#loadAware()}. */
final class LoadAwarePolicy implements ScalingPolicy {
    static final LoadAwarePolicy INSTANCE = new LoadAwarePolicy();

    private LoadAwarePolicy() {}

    @Override
    public ScalingPlan planCreateWorker(String pool, int count, int demand, Optional<ScalingConfig> config) {
        ScalePool p = ScalingPolicy.resolve(pool, config);
        int min = p.policy().minWorkers();
        int floor = Integer.compareUnsigned(min, demand) >= 0 ? min : demand; // unsigned max: min is a u32
        return new ScalingPlan(pool, count, floor, p, ScalingPolicy.decide(count, floor, p.policy()));
    }

    @Override
    public String toString() {
        return "load-aware floor over seed-0.33.3";
    }
}
