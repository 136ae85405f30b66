package org.caniclab.sim.load;

import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.ServiceModel;

/**
 * The IC's execution model: a request routed to a worker waits in its input queue and executes at the
 * first round boundary at or after its arrival, at most {@code capacityPerRound} per worker per round, in
 * no virtual time (latency = wait = boundary − arrival). Busy time: a request executed at a boundary
 * occupies 1/{@code capacityPerRound} of its worker's round that starts there (served × round / capacity,
 * spread over that round), so utilization is within [0, 1] over any interval. {@code queueCapacity} counts waiting requests ({@link ServiceModel#UNBOUNDED}: no limit; 0: none).
 */
final class PerRoundService implements ServiceDiscipline {
    private final Engine engine;
    private final WorkerSet workers;
    private final Statistics stats;
    private final int capacityPerRound;
    private final int queueCapacity;
    private final long roundNanos;

    PerRoundService(String pool, ServiceModel.PerRound model, Engine engine, long roundNanos, WorkerSet workers,
            Statistics stats) {
        if (model.capacityPerRound() <= 0) {
            throw new IllegalArgumentException("pool '" + pool + "': capacity_per_round is "
                    + model.capacityPerRound() + "; accepted are integers >= 1");
        }
        if (roundNanos <= 0) {
            throw new IllegalArgumentException("pool '" + pool + "': the per-round model needs round_nanos > 0");
        }
        this.engine = engine;
        this.workers = workers;
        this.stats = stats;
        this.capacityPerRound = model.capacityPerRound();
        this.queueCapacity = model.queueCapacity();
        this.roundNanos = roundNanos;
        stats.perRound(capacityPerRound, roundNanos);
    }

    @Override
    public long drawService() {
        return 0;
    }

    @Override
    public void arrive(long now, long service, boolean measured) {
        Worker w = workers.route();
        if (w.arrivals.size() >= queueCapacity) {
            stats.reject(measured);
            return;
        }
        stats.accrue(now);
        w.arrivals.add(now);
        stats.waiting++;
        if (!w.isScheduled()) {
            engine.schedule(w, ceilToRound(now));
        }
    }

    private long ceilToRound(long t) {
        long r = t % roundNanos;
        return r == 0 ? t : t - r + roundNanos;
    }

    @Override
    public Worker newWorker(int index, Principal pid) {
        return new Worker(this, index, pid, false);
    }

    @Override
    public void workerAdded(Worker w) {}

    @Override
    public void fire(Worker w) {
        long now = engine.now();
        stats.accrue(now);
        if (w.roundAt != now) {
            w.roundAt = now;
            w.usedInRound = 0;
        }
        // Arrivals exactly on a boundary can bring the worker back at an instant it already executed at.
        int n = Math.min(capacityPerRound - w.usedInRound, w.arrivals.size());
        w.usedInRound += n;
        for (int i = 0; i < n; i++) {
            stats.executed(w.arrivals.poll(), now);
        }
        stats.waiting -= n;
        stats.executedAt(now, n);
        if (!w.arrivals.isEmpty()) {
            engine.schedule(w, now + roundNanos);
        }
    }

    @Override
    public double meanServiceNanos() {
        return (double) roundNanos / capacityPerRound;
    }
}
