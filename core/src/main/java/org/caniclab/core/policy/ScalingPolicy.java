package org.caniclab.core.policy;

import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorOrigin;

/**
 * Decides whether a pool should get one more worker, given the observed worker count. Pure: no time, no
 * I/O, no state of its own.
 *
 * <p>{@link #seed()} is Canic 0.33.3's decision table (§1.3): at max → refuse; below min → spawn;
 * otherwise refuse. A load-aware policy plugs into the same workflow by implementing this interface,
 * typically as the seed's table over a load-derived floor ({@link #decide(int, int, ScalePoolPolicy)}),
 * so that the metric labels and the {@code max_workers} bound stay Canic's.
 *
 * <pre>{@code
 * ScalingPolicy policy = ScalingPolicy.seed();
 * ScalingPlan plan = policy.planCreateWorker("api", count, Optional.of(cfg)); // throws CanicError
 * }</pre>
 */
public interface ScalingPolicy {

    /**
     * Plans one {@code create_worker} for {@code pool}.
     *
     * @param count the observed worker count (registered, plus reserved in the reserved mode), an unsigned
     *     32-bit value like Canic's {@code u32}
     * @param demand the workers the pool's observed load asks for (0 when nothing measures load), unsigned; an
     *     input, so that a policy holds no state of its own
     * @param config the hub's scaling table; empty when the hub has none
     * @throws CanicError {@code ScalingDisabled} or {@code PoolNotFound} (Domain class, public Conflict)
     */
    ScalingPlan planCreateWorker(String pool, int count, int demand, Optional<ScalingConfig> config);

    /** Plans with no load figure (demand 0): what every caller without an autoscaler asks. */
    default ScalingPlan planCreateWorker(String pool, int count, Optional<ScalingConfig> config) {
        return planCreateWorker(pool, count, 0, config);
    }

    /** Canic 0.33.3's decision table; it ignores demand. */
    static ScalingPolicy seed() {
        return SeedScalingPolicy.INSTANCE;
    }

    /**
     * The seed's table over a load-derived floor, {@code decide(count, max(min_workers, demand), policy)}: with
     * demand 0 its decisions are exactly the seed's; resolution errors and {@code max_workers} stay Canic's.
     */
    static ScalingPolicy loadAware() {
        return LoadAwarePolicy.INSTANCE;
    }

    /**
     * The seed's table with an explicit floor, allocation-free: rule 1 {@code max > 0 && count >= max};
     * rule 2 {@code count < floor}; rule 3 otherwise. Count, floor and the policy's fields are {@code u32}s in
     * Canic and are compared here as unsigned 32-bit values (see {@link ScalePoolPolicy}).
     */
    static PlanReason decide(int count, int floor, ScalePoolPolicy policy) {
        if (policy.maxWorkers() != 0 && Integer.compareUnsigned(count, policy.maxWorkers()) >= 0) {
            return PlanReason.AT_MAX_WORKERS;
        }
        if (Integer.compareUnsigned(count, floor) < 0) {
            return PlanReason.BELOW_MIN_WORKERS;
        }
        return PlanReason.WITHIN_BOUNDS;
    }

    /** Resolves the pool or throws Canic's resolution errors, checked before the table. */
    static ScalePool resolve(String pool, Optional<ScalingConfig> config) {
        if (config.isEmpty()) {
            throw CanicError.domain(ErrorOrigin.DOMAIN, "scaling capability disabled for this canister");
        }
        ScalePool p = config.get().poolOrNull(pool);
        if (p == null) {
            throw CanicError.domain(ErrorOrigin.DOMAIN, "scaling pool '" + pool + "' not found");
        }
        return p;
    }
}
