package org.caniclab.sim.model;

import java.util.Objects;

/**
 * How a worker serves requests: per execution round as on the IC, or continuously for classical queueing.
 *
 * <pre>{@code
 * ServiceModel s = new ServiceModel.Continuous(new Distribution.Exponential(20_000_000L), 0);
 * }</pre>
 */
public sealed interface ServiceModel {

    /**
     * At each round a worker executes up to {@code capacityPerRound} (>= 1) queued requests; arrivals that
     * find {@code queueCapacity} (>= 0) requests waiting are rejected, as a full canister input queue rejects.
     */
    record PerRound(int capacityPerRound, int queueCapacity) implements ServiceModel {
        public PerRound {
            Check.that(capacityPerRound >= 1, "ServiceModel.PerRound.capacityPerRound", capacityPerRound, ">= 1");
            Check.that(queueCapacity >= 0, "ServiceModel.PerRound.queueCapacity", queueCapacity, ">= 0");
        }
    }

    /**
     * A single server per worker with i.i.d. service times (mean above 0); {@code queueCapacity} waiting
     * requests at most ({@code 0} = unbounded).
     */
    record Continuous(Distribution serviceTime, int queueCapacity) implements ServiceModel {
        public Continuous {
            checkServer(serviceTime, queueCapacity, "ServiceModel.Continuous");
        }
    }

    /**
     * The pool's registered workers as {@code c} identical servers fed from one FIFO queue (M/G/c): a
     * request waits only when every worker is busy and goes to the lowest-index idle worker; the router is
     * not used. {@code queueCapacity} waiting requests at most ({@code 0} = unbounded). For classical
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
        Check.that(queueCapacity >= 0, what + ".queueCapacity", queueCapacity, ">= 0 (0 = unbounded)");
    }
}
