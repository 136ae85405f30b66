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
    private final int queueCapacity;

    SingleServerService(ServiceModel.Continuous model, Engine engine, WorkerSet workers, Statistics stats,
            SplittableRandom rng) {
        this.engine = engine;
        this.workers = workers;
        this.stats = stats;
        this.serviceTime = Objects.requireNonNull(model.serviceTime(), "service_time");
        this.rng = rng;
        this.queueCapacity = model.queueCapacity();
    }

    @Override
    public long drawService() {
        return Sampler.sample(serviceTime, rng);
    }

    @Override
    public void arrive(long now, long service, boolean measured) {
        Worker w = workers.route();
        if (!w.busy) {
            w.serve(now, service, engine, stats);
        } else if (w.arrivals.size() >= queueCapacity) {
            stats.reject(measured);
        } else {
            stats.accrue(now);
            w.arrivals.add(now);
            w.services.add(service);
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
        if (!w.arrivals.isEmpty()) {
            stats.waiting--;
            long service = w.services.poll();
            w.serve(w.arrivals.poll(), service, engine, stats);
        }
    }

    @Override
    public double meanServiceNanos() {
        return serviceTime.meanNanos();
    }
}
