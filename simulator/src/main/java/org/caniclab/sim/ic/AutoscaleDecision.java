package org.caniclab.sim.ic;

import java.util.Objects;

/**
 * One tick's decision of a pool's autoscaler, with its figures as numbers (they become {@code events.csv}'s
 * columns, not free text).
 *
 * <pre>{@code
 * Consumer<AutoscaleDecision> sink = d -> System.out.println(d.pool() + " wants " + d.desired());
 * }</pre>
 *
 * @param outcome {@code scale_up}, {@code cooldown} or {@code hold}
 * @param desired workers the measured load asks for
 * @param registered workers registered in the pool, in both modes
 * @param reserved creations holding a reservation ({@code reserved} mode; 0 in the seed's)
 * @param arrivals requests that arrived since the previous tick
 * @param calls {@code create_worker} calls this tick sends (0 unless {@code scale_up})
 */
public record AutoscaleDecision(long timeNanos, String pool, String outcome, int desired, int registered,
        int reserved, long arrivals, int calls) {
    public AutoscaleDecision {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(outcome, "outcome");
    }
}
