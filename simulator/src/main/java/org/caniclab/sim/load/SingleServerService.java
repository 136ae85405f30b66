package org.caniclab.sim.load;

import java.util.Objects;
import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.ServiceModel;

/**
 * Continuous service, each worker one server with its own FIFO queue (M/G/1 per worker behind the
 * router). {@code queueCapacity} counts waiting requests ({@link ServiceModel#UNBOUNDED}: no limit; 0: none); the bound counts waiting requests, not the one in
 * service.
 */
final class SingleServerService implements ServiceDiscipline {
    private final Engine engine;
    private final WorkerSet workers;
    private final Statistics stats;
    private final Distribution serviceTime;
    private final SplittableRandom rng;
    /** The mean of an exponential service time, resolved once; 0 for any other distribution. */
    private final long exponentialMean;
    private final int queueCapacity;

    SingleServerService(ServiceModel.Continuous model, Engine engine, WorkerSet workers, Statistics stats,
            SplittableRandom rng) {
        this.engine = engine;
        this.workers = workers;
        this.stats = stats;
        this.serviceTime = Objects.requireNonNull(model.serviceTime(), "service_time");
        this.rng = rng;
        this.exponentialMean = serviceTime instanceof Distribution.Exponential e ? e.meanNanosValue() : 0;
        this.queueCapacity = model.queueCapacity();
    }

    @Override
    public long drawService() {
        long mean = exponentialMean;
        return mean > 0 ? Sampler.exponentialNanos(mean, rng) : Sampler.sample(serviceTime, rng);
    }

    @Override
    public void arrive(long now, long service, boolean measured) {
        Worker w = workers.route();
        if (!w.busy) {
            w.serve(now, service, engine, stats);
        } else if (w.queue.size() >= queueCapacity) {
            stats.reject(measured);
        } else {
            stats.accrue(now);
            w.queue.add(now, service);
            stats.waiting++;
        }
    }

    @Override
    public Worker newWorker(int index, Principal pid) {
        return new Worker(this, index, pid, true);
    }

    @Override
    public void workerAdded(Worker w) {}

    @Override
    public void fire(Worker w) {
        w.finish(engine.now(), stats);
        RequestQueue q = w.queue;
        if (!q.isEmpty()) {
            stats.waiting--;
            long arrival = q.headArrival();
            long service = q.headService();
            q.removeHead();
            w.serveAccrued(arrival, service, engine, stats); // finish() accrued at this instant
        }
    }

    @Override
    public double meanServiceNanos() {
        return serviceTime.meanNanos();
    }
}
