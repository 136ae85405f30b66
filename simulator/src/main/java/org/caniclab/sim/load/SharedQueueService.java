package org.caniclab.sim.load;

import java.util.Objects;
import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.ServiceModel;

/**
 * Continuous service from one FIFO queue shared by all workers (M/G/c): an arrival goes to the idle worker
 * of lowest index, else waits; a worker that finishes, or registers, takes the head of the queue. No
 * router. {@code queueCapacity} counts waiting requests ({@link ServiceModel#UNBOUNDED}: no limit; 0: none).
 */
final class SharedQueueService implements ServiceDiscipline {
    private final Engine engine;
    private final WorkerSet workers;
    private final Statistics stats;
    private final Distribution serviceTime;
    private final SplittableRandom rng;
    private final int queueCapacity;
    private final RequestQueue queue = new RequestQueue();

    SharedQueueService(ServiceModel.SharedQueue model, Engine engine, WorkerSet workers, Statistics stats,
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
        int n = workers.size();
        if (stats.busy < n) {
            for (int i = 0; i < n; i++) {
                Worker w = workers.get(i);
                if (!w.busy) {
                    w.serve(now, service, engine, stats);
                    return;
                }
            }
        }
        if (queue.size() >= queueCapacity) {
            stats.reject(measured);
        } else {
            stats.accrue(now);
            queue.add(now, service);
            stats.waiting++;
        }
    }

    @Override
    public Worker newWorker(int index, Principal pid) {
        return new Worker(this, index, pid, false);
    }

    @Override
    public void workerAdded(Worker w) {
        takeNext(w);
    }

    @Override
    public void fire(Worker w) {
        w.finish(engine.now(), stats);
        takeNext(w);
    }

    private void takeNext(Worker w) {
        if (!queue.isEmpty()) {
            stats.waiting--;
            long arrival = queue.headArrival();
            long service = queue.headValue();
            queue.removeHead();
            w.serve(arrival, service, engine, stats);
        }
    }

    @Override
    public double meanServiceNanos() {
        return serviceTime.meanNanos();
    }
}
