package org.caniclab.sim.load;

import java.util.Objects;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;

/**
 * The serving side of one scaling pool: its registered workers, composed of a {@link Router} (which worker
 * a request goes to), a {@link ServiceDiscipline} (how workers serve: {@link PerRoundService},
 * {@link SingleServerService}, {@link SharedQueueService}) and the pool's {@link Statistics}. Requests are
 * not objects: a queue holds arrival times (and pre-drawn service times), statistics stream into a
 * histogram and running sums, so memory is bounded by what is in flight.
 *
 * <p>A {@code queueCapacity} bounds the waiting requests ({@link ServiceModel#UNBOUNDED}: no bound; 0 in the
 * continuous models: no waiting room, a loss system). Service times are drawn at arrival (even for requests then rejected), so the i-th request of a pool
 * gets the same service time whatever the router does (common random numbers).
 *
 * <p>Requests arriving before the warm-up end are served but left out of every statistic
 * ({@link #stats}); the per-interval counters ({@link #sample}) cover the whole run.
 *
 * <pre>{@code
 * Pool api = new Pool("api", spec.service(), spec.router(), engine, roundNanos, warmupNanos,
 *         streams.stream("pool/api/service"), streams.stream("pool/api/router"));
 * api.addWorker(pid);           // when the hub registers a worker
 * api.arrive();                 // a request arrives now
 * PoolStats s = api.stats();    // from the warm-up end to now
 * }</pre>
 */
public final class Pool implements ArrivalSink {
    private final String name;
    private final Engine engine;
    private final Statistics stats;
    private final WorkerSet workers;
    private final ServiceDiscipline discipline;

    /**
     * @param router {@code null} means round robin
     * @throws IllegalArgumentException when the service model's values cannot be served
     */
    public Pool(String name, ServiceModel service, RouterKind router, Engine engine, long roundNanos,
            long warmupNanos, SplittableRandom serviceRng, SplittableRandom routerRng) {
        this(name, service, router, engine, roundNanos, warmupNanos, 0, 0, serviceRng, routerRng);
    }

    /**
     * As above, keeping batch sums ({@link PoolStats#batches()}) over {@code batches} equal slices of
     * {@code [warmupNanos, endNanos)} when {@code batches > 0}.
     */
    public Pool(String name, ServiceModel service, RouterKind router, Engine engine, long roundNanos,
            long warmupNanos, long endNanos, int batches, SplittableRandom serviceRng, SplittableRandom routerRng) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.stats = new Statistics(warmupNanos, endNanos, batches);
        this.workers = new WorkerSet(Router.of(router, routerRng));
        this.discipline = ServiceDiscipline.of(name, service, engine, roundNanos, workers, stats, serviceRng);
    }

    public String name() {
        return name;
    }

    /** Workers serving (registered by the hub). */
    public int workers() {
        return workers.size();
    }

    public int peakWorkers() {
        return workers.peak();
    }

    /** Requests waiting for service (not counting those in service). */
    public int queueDepth() {
        discipline.settle(engine.now());
        return stats.waitingNow();
    }

    /** Arrivals since the start of the run, including the warm-up and rejected ones (offered load). */
    public long arrivalsTotal() {
        return stats.arrivalsTotal;
    }

    /** Rejections since the start of the run. */
    public long rejectionsTotal() {
        return stats.rejectionsTotal;
    }

    /** Post-warm-up arrivals rejected because no worker was registered (part of {@code rejected}). */
    public long rejectedNoWorker() {
        return stats.rejectedNoWorker();
    }

    /**
     * The mean time one request occupies a worker: the service distribution's mean, or a round divided by
     * the per-round capacity. What the autoscaler multiplies the arrival rate by.
     */
    public double meanServiceNanos() {
        return discipline.meanServiceNanos();
    }

    /**
     * A new histogram of the latencies of completed post-warm-up requests, nanoseconds, built on each call: for the
     * reports that draw or write the distribution ({@link #stats()} has the summary's figures without one).
     */
    public Histogram latencyHistogram() {
        discipline.settle(engine.now());
        return stats.latencyHistogram();
    }

    /**
     * Events of this pool's model that the engine did not execute: single servers' completions, which are
     * settled in closed form instead of queued (see {@link SingleServerService}), counted as of the last
     * settling (every read of the statistics settles up to its instant). A run's event count adds them to
     * the engine's, so that it counts the same events whichever way they ran.
     */
    public long settledEvents() {
        return discipline.settledEvents();
    }

    /** Adds a newly registered worker; it serves from now on. */
    public void addWorker(Principal pid) {
        stats.accrue(engine.now());
        Worker w = discipline.newWorker(workers.size(), pid);
        workers.add(w);
        stats.workers++;
        discipline.workerAdded(w);
    }

    /** One request arrives now. */
    @Override
    public void arrive() {
        long now = engine.now();
        boolean measured = stats.arrival(now);
        long service = discipline.drawService();
        if (workers.size() == 0) {
            stats.rejectNoWorker(measured);
            return;
        }
        discipline.arrive(now, service, measured);
    }

    /** Marks the end of the warm-up: utilization is averaged from here. Call at the warm-up time. */
    public void startMeasurement() {
        discipline.settle(engine.now());
        stats.startMeasurement(engine.now());
    }

    /** Time-averaged number of waiting requests from the warm-up end to now (exact, for Little's law). */
    public double meanQueueDepth() {
        discipline.settle(engine.now());
        return stats.meanQueueDepth(engine.now());
    }

    /**
     * Time-averaged number of requests in service from the warm-up end to now (continuous models; for the
     * per-round model, the busy fraction of capacity times the workers).
     */
    public double meanInService() {
        discipline.settle(engine.now());
        return stats.meanInService(engine.now());
    }

    /** What happened since the previous sample (or the start): counts, and utilization over the interval. */
    public Interval sample() {
        discipline.settle(engine.now());
        return stats.sample(engine.now());
    }

    /** The pool's request statistics from the warm-up end to now. */
    public PoolStats stats() {
        discipline.settle(engine.now());
        return stats.snapshot(engine.now());
    }

    /** Mean wait (start of service − arrival) of post-warm-up requests, nanoseconds, from exact sums. */
    public double meanWaitNanos() {
        discipline.settle(engine.now());
        return stats.meanWaitNanos();
    }

    /**
     * One timeline sample of a pool.
     *
     * @param workers workers serving at the sample time
     * @param queueDepth requests waiting at the sample time
     * @param utilization busy time / worker time over the interval, 0 when no worker existed
     * @param arrivals arrivals in the interval (including rejected ones)
     * @param rejections rejections in the interval
     */
    public record Interval(int workers, int queueDepth, double utilization, long arrivals, long rejections) {}
}
