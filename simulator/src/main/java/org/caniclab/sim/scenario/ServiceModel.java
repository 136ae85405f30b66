package org.caniclab.sim.scenario;

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
}
