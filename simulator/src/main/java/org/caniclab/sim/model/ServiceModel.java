package org.caniclab.sim.model;

/** How a worker serves requests: per execution round as on the IC, or continuously for classical queueing. */
public sealed interface ServiceModel {

    /**
     * At each round a worker executes up to {@code capacityPerRound} queued requests; arrivals that find
     * {@code queueCapacity} requests waiting are rejected, as a full canister input queue rejects.
     */
    record PerRound(int capacityPerRound, int queueCapacity) implements ServiceModel {}

    /**
     * A single server per worker with i.i.d. service times; {@code queueCapacity} waiting requests at
     * most ({@code 0} = unbounded).
     */
    record Continuous(Distribution serviceTime, int queueCapacity) implements ServiceModel {}

    /**
     * The pool's registered workers as {@code c} identical servers fed from one FIFO queue (M/G/c): a
     * request waits only when every worker is busy and goes to the lowest-index idle worker; the router is
     * not used. {@code queueCapacity} waiting requests at most ({@code 0} = unbounded). For classical
     * queueing checks and for comparing per-canister queues with a central one.
     */
    record SharedQueue(Distribution serviceTime, int queueCapacity) implements ServiceModel {}
}
