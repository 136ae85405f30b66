package org.caniclab.sim.model;

import java.util.Objects;

/**
 * How a worker serves requests: per execution round as on the IC, or continuously for classical queueing.
 *
 * <pre>{@code
 * ServiceModel mm1 = new ServiceModel.Continuous(new Distribution.Exponential(20_000_000L), ServiceModel.UNBOUNDED);
 * ServiceModel erlangB = new ServiceModel.SharedQueue(new Distribution.Exponential(20_000_000L), 0); // M/M/c/c
 * }</pre>
 *
 * <p>{@code queueCapacity} counts waiting requests, not those in service: {@link #UNBOUNDED} is no limit,
 * {@code 0} no waiting room (a loss system: a request that finds no idle server is rejected).
 */
public sealed interface ServiceModel {

    /**
     * A queue capacity without limit. The largest int, so a bound check needs no special case: no queue
     * can hold that many requests in memory.
     */
    int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * At each round a worker executes up to {@code capacityPerRound} (>= 1) queued requests; arrivals that
     * find {@code queueCapacity} (>= 1, or {@link #UNBOUNDED}) requests waiting are rejected, as a full canister
     * input queue rejects. Every request waits for a round boundary, so 0 (no waiting room) would reject all.
     */
    record PerRound(int capacityPerRound, int queueCapacity) implements ServiceModel {
        public PerRound {
            Check.that(capacityPerRound >= 1, "ServiceModel.PerRound.capacityPerRound", capacityPerRound, ">= 1");
            Check.that(queueCapacity >= 1, "ServiceModel.PerRound.queueCapacity", queueCapacity,
                    ">= 1 or UNBOUNDED");
        }
    }

    /**
     * A single server per worker with i.i.d. service times (mean above 0); {@code queueCapacity} waiting
     * requests at most ({@link #UNBOUNDED}, or {@code 0}: no waiting room).
     */
    record Continuous(Distribution serviceTime, int queueCapacity) implements ServiceModel {
        public Continuous {
            checkServer(serviceTime, queueCapacity, "ServiceModel.Continuous");
        }
    }

    /**
     * The pool's registered workers as {@code c} identical servers fed from one FIFO queue (M/G/c): a
     * request waits only when every worker is busy and goes to the lowest-index idle worker; the router is
     * not used. {@code queueCapacity} waiting requests at most ({@link #UNBOUNDED}, or {@code 0}: no
     * waiting room, the M/G/c/c loss system of Erlang B). For classical
     * queueing checks and for comparing per-canister queues with a central one.
     */
    record SharedQueue(Distribution serviceTime, int queueCapacity) implements ServiceModel {
        public SharedQueue {
            checkServer(serviceTime, queueCapacity, "ServiceModel.SharedQueue");
        }
    }

    private static void checkServer(Distribution serviceTime, int queueCapacity, String what) {
        Objects.requireNonNull(serviceTime, "serviceTime");
        Check.that(serviceTime.meanNanos() > 0, what + ".serviceTime", serviceTime, "a distribution with a mean above 0");
        Check.that(queueCapacity >= 0, what + ".queueCapacity", queueCapacity, ">= 0 (0 = no waiting room) or UNBOUNDED");
    }
}
