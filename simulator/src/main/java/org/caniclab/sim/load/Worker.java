package org.caniclab.sim.load;

import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Event;

/**
 * One registered worker canister of a pool. It is its own event: the end of the current service
 * (continuous models) or its next execution round (per-round model), so a worker never allocates.
 */
final class Worker extends Event {
    final Pool pool;
    final int index;
    final Principal pid;
    /** Arrival times of waiting requests (own queue; unused with a shared queue). */
    final LongRing arrivals = new LongRing();
    /** Pre-drawn service times of waiting requests, parallel to {@link #arrivals} (continuous only). */
    final LongRing services;
    boolean busy;
    long currentArrival;
    /** Per-round model: the boundary of the last execution and the capacity used there. */
    long roundAt = -1;
    int usedInRound;

    Worker(Pool pool, int index, Principal pid, boolean continuous) {
        this.pool = pool;
        this.index = index;
        this.pid = pid;
        this.services = continuous ? new LongRing() : null;
    }

    /** Requests at this worker: waiting plus the one in service. */
    int load() {
        return arrivals.size() + (busy ? 1 : 0);
    }

    @Override
    protected void fire() {
        pool.workerEvent(this);
    }
}
