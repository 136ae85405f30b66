package org.caniclab.sim.load;

import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Event;

/**
 * One registered worker canister of a pool. It is its own event: the end of the current service (shared
 * queue) or its next execution round (per-round model), so a worker never allocates; its pool's service
 * discipline decides what the event does. A single server is never scheduled: it settles its completions
 * itself ({@link SingleServerService}).
 */
final class Worker extends Event {
    final ServiceDiscipline discipline;
    final int index;
    final Principal pid;
    /** Arrival times of waiting requests (per-round model; unused with a shared queue; null for single servers). */
    final LongRing arrivals;
    /**
     * Single servers: the requests at this worker, the one in service first, with their departure times
     * (null in the other models; see {@link SingleServerService}).
     */
    final RequestQueue queue;
    /** Single servers: when the head of {@link #queue} started service, and when its last request departs. */
    long headStart;
    long lastDeparture;
    /** Single servers: the sum of the arrival times of the waiting requests (all of {@link #queue} but its head). */
    long waitingArrivals;
    boolean busy;
    long currentArrival;
    /** Per-round model: the boundary of the last execution and the capacity used there. */
    long roundAt = -1;
    int usedInRound;

    Worker(ServiceDiscipline discipline, int index, Principal pid, boolean singleServer) {
        this.discipline = discipline;
        this.index = index;
        this.pid = pid;
        this.arrivals = singleServer ? null : new LongRing();
        this.queue = singleServer ? new RequestQueue() : null;
    }

    /** Requests at this worker: waiting plus the one in service (single servers: as of their last settling). */
    int load() {
        return (queue != null ? queue.size() : arrivals.size()) + (busy ? 1 : 0);
    }

    /** Starts serving, now, a request that arrived at {@code arrival} and takes {@code service} ns. */
    void serve(long arrival, long service, Engine engine, Statistics stats) {
        long now = engine.now();
        stats.accrue(now);
        stats.busy++;
        busy = true;
        currentArrival = arrival;
        stats.waited(arrival, now);
        engine.schedule(this, now + service);
    }

    /** Ends the service in progress, now. */
    void finish(long now, Statistics stats) {
        stats.accrue(now);
        stats.busy--;
        busy = false;
        stats.completed(currentArrival, now);
    }

    @Override
    protected void fire() {
        discipline.fire(this);
    }
}
