package org.caniclab.sim.load;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.caniclab.core.ic.Principal;
import org.caniclab.reports.LatencySummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;

/**
 * The serving side of one scaling pool: its registered workers, the router in front of them, and the
 * request statistics. Requests are not objects: a queue holds arrival times (and pre-drawn service times),
 * statistics stream into a histogram and running sums, so memory is bounded by what is in flight.
 *
 * <p>Service models:
 * <ul>
 *   <li>{@link ServiceModel.PerRound}: a request routed to a worker waits in its input queue and executes
 *       at the first round boundary at or after its arrival, at most {@code capacityPerRound} per worker
 *       per round; execution takes no virtual time, so latency = wait = boundary − arrival. Utilization of
 *       a round is executed / capacity.</li>
 *   <li>{@link ServiceModel.Continuous}: each worker is one server with its own FIFO queue.</li>
 *   <li>{@link ServiceModel.SharedQueue}: the workers serve one FIFO queue (M/G/c).</li>
 * </ul>
 * A {@code queueCapacity} of 0 means unbounded in every model (the per-round record's doc does not say so).
 * Service times are drawn at arrival (even for requests then rejected), so the i-th request of a pool
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
 * }</pre>
 */
public final class Pool implements ArrivalSink {
    private enum Kind { PER_ROUND, CONTINUOUS, SHARED }

    private final String name;
    private final Engine engine;
    private final Kind kind;
    private final RouterKind router;
    private final Distribution serviceTime;
    private final int capacityPerRound;
    private final int queueCapacity; // <= 0: unbounded
    private final long roundNanos;
    private final long warmupNanos;
    private final SplittableRandom serviceRng;
    private final SplittableRandom routerRng;

    private Worker[] workers = new Worker[8];
    private int workerCount;
    private int peakWorkers;
    private int roundRobin;
    private final LongRing sharedArrivals;
    private final LongRing sharedServices;

    // Counters over the whole run (timeline and autoscaler).
    private long arrivalsTotal;
    private long rejectionsTotal;
    private int waiting;
    private int busyServers;

    // Statistics of requests that arrived after the warm-up.
    private long arrived;
    private long completed;
    private long rejected;
    private long rejectedNoWorker;
    private double waitSumNanos;
    private long waitCount;
    private final Histogram latency = new Histogram(3); // nanoseconds, auto-resizing

    // Time integrals (nanoseconds): busy servers, registered workers, waiting requests.
    private double busyIntegral;
    private double workerIntegral;
    private double waitingIntegral;
    private long lastAccrual;
    private long warmupMark;
    private double busyAtWarmup;
    private double workersAtWarmup;
    private double waitingAtWarmup;

    // Interval marks for sample().
    private long sampleArrivals;
    private long sampleRejections;
    private double sampleBusy;
    private double sampleWorkers;

    public Pool(String name, ServiceModel service, RouterKind router, Engine engine, long roundNanos,
            long warmupNanos, SplittableRandom serviceRng, SplittableRandom routerRng) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.router = router == null ? RouterKind.ROUND_ROBIN : router;
        this.roundNanos = roundNanos;
        this.warmupNanos = warmupNanos;
        this.serviceRng = serviceRng;
        this.routerRng = routerRng;
        if (service instanceof ServiceModel.PerRound p) {
            if (p.capacityPerRound() <= 0) {
                throw new IllegalArgumentException("pool '" + name + "': capacity_per_round is "
                        + p.capacityPerRound() + "; accepted are integers >= 1");
            }
            if (roundNanos <= 0) {
                throw new IllegalArgumentException("pool '" + name + "': the per-round model needs round_nanos > 0");
            }
            kind = Kind.PER_ROUND;
            serviceTime = null;
            capacityPerRound = p.capacityPerRound();
            queueCapacity = p.queueCapacity();
        } else if (service instanceof ServiceModel.Continuous c) {
            kind = Kind.CONTINUOUS;
            serviceTime = Objects.requireNonNull(c.serviceTime(), "service_time");
            capacityPerRound = 0;
            queueCapacity = c.queueCapacity();
        } else if (service instanceof ServiceModel.SharedQueue s) {
            kind = Kind.SHARED;
            serviceTime = Objects.requireNonNull(s.serviceTime(), "service_time");
            capacityPerRound = 0;
            queueCapacity = s.queueCapacity();
        } else {
            throw new IllegalArgumentException("pool '" + name + "': unsupported service model " + service);
        }
        sharedArrivals = kind == Kind.SHARED ? new LongRing() : null;
        sharedServices = kind == Kind.SHARED ? new LongRing() : null;
    }

    public String name() {
        return name;
    }

    /** Workers serving (registered by the hub). */
    public int workers() {
        return workerCount;
    }

    public int peakWorkers() {
        return peakWorkers;
    }

    /** Requests waiting for service (not counting those in service). */
    public int queueDepth() {
        return waiting;
    }

    /** Arrivals since the start of the run, including the warm-up and rejected ones (offered load). */
    public long arrivalsTotal() {
        return arrivalsTotal;
    }

    /** Rejections since the start of the run. */
    public long rejectionsTotal() {
        return rejectionsTotal;
    }

    /** Post-warm-up arrivals rejected because no worker was registered (part of {@code rejected}). */
    public long rejectedNoWorker() {
        return rejectedNoWorker;
    }

    /**
     * The mean time one request occupies a worker: the service distribution's mean, or a round divided by
     * the per-round capacity. What the autoscaler multiplies the arrival rate by.
     */
    public double meanServiceNanos() {
        return kind == Kind.PER_ROUND ? (double) roundNanos / capacityPerRound : serviceTime.meanNanos();
    }

    /** Latency of completed post-warm-up requests, nanoseconds. Do not record into it. */
    public Histogram latencyHistogram() {
        return latency;
    }

    /** Adds a newly registered worker; it serves from now on. */
    public void addWorker(Principal pid) {
        accrue(engine.now());
        if (workerCount == workers.length) {
            workers = Arrays.copyOf(workers, workerCount * 2);
        }
        Worker w = new Worker(this, workerCount, pid, kind != Kind.PER_ROUND);
        workers[workerCount++] = w;
        peakWorkers = Math.max(peakWorkers, workerCount);
        if (kind == Kind.SHARED && !sharedArrivals.isEmpty()) {
            waiting--;
            start(w, sharedArrivals.poll(), sharedServices.poll());
        }
    }

    /** One request arrives now. */
    @Override
    public void arrive() {
        long now = engine.now();
        arrivalsTotal++;
        boolean measured = now >= warmupNanos;
        if (measured) {
            arrived++;
        }
        long service = serviceTime == null ? 0 : Sampler.sample(serviceTime, serviceRng);
        if (workerCount == 0) {
            reject(measured);
            if (measured) {
                rejectedNoWorker++;
            }
            return;
        }
        switch (kind) {
            case PER_ROUND -> {
                Worker w = route();
                if (queueCapacity > 0 && w.arrivals.size() >= queueCapacity) {
                    reject(measured);
                    return;
                }
                accrue(now);
                w.arrivals.add(now);
                waiting++;
                if (!w.isScheduled()) {
                    engine.schedule(w, ceilToRound(now));
                }
            }
            case CONTINUOUS -> {
                Worker w = route();
                if (!w.busy) {
                    start(w, now, service);
                } else if (queueCapacity > 0 && w.arrivals.size() >= queueCapacity) {
                    reject(measured);
                } else {
                    accrue(now);
                    w.arrivals.add(now);
                    w.services.add(service);
                    waiting++;
                }
            }
            case SHARED -> {
                if (busyServers < workerCount) {
                    for (int i = 0; i < workerCount; i++) {
                        if (!workers[i].busy) {
                            start(workers[i], now, service);
                            return;
                        }
                    }
                }
                if (queueCapacity > 0 && sharedArrivals.size() >= queueCapacity) {
                    reject(measured);
                } else {
                    accrue(now);
                    sharedArrivals.add(now);
                    sharedServices.add(service);
                    waiting++;
                }
            }
        }
    }

    private void reject(boolean measured) {
        rejectionsTotal++;
        if (measured) {
            rejected++;
        }
    }

    private long ceilToRound(long t) {
        long r = t % roundNanos;
        return r == 0 ? t : t - r + roundNanos;
    }

    private Worker route() {
        int n = workerCount;
        switch (router) {
            case ROUND_ROBIN -> {
                int i = roundRobin >= n ? 0 : roundRobin;
                roundRobin = i + 1;
                return workers[i];
            }
            case RANDOM -> {
                return workers[routerRng.nextInt(n)];
            }
            case SHORTEST_QUEUE -> {
                Worker best = workers[0];
                int bestLoad = best.load();
                for (int i = 1; i < n && bestLoad > 0; i++) {
                    int l = workers[i].load();
                    if (l < bestLoad) {
                        best = workers[i];
                        bestLoad = l;
                    }
                }
                return best;
            }
            default -> throw new IllegalStateException("router " + router);
        }
    }

    private void start(Worker w, long arrival, long service) {
        long now = engine.now();
        accrue(now);
        busyServers++;
        w.busy = true;
        w.currentArrival = arrival;
        if (arrival >= warmupNanos) {
            waitSumNanos += now - arrival;
            waitCount++;
        }
        engine.schedule(w, now + service);
    }

    void workerEvent(Worker w) {
        long now = engine.now();
        if (kind == Kind.PER_ROUND) {
            accrue(now);
            if (w.roundAt != now) {
                w.roundAt = now;
                w.usedInRound = 0;
            }
            // Arrivals exactly on a boundary can bring the worker back at an instant it already executed at.
            int n = Math.min(capacityPerRound - w.usedInRound, w.arrivals.size());
            w.usedInRound += n;
            for (int i = 0; i < n; i++) {
                long a = w.arrivals.poll();
                if (a >= warmupNanos) {
                    long d = now - a;
                    latency.recordValue(d);
                    waitSumNanos += d;
                    waitCount++;
                    completed++;
                }
            }
            waiting -= n;
            busyIntegral += (double) n / capacityPerRound * roundNanos;
            if (!w.arrivals.isEmpty()) {
                engine.schedule(w, now + roundNanos);
            }
            return;
        }
        accrue(now);
        busyServers--;
        w.busy = false;
        if (w.currentArrival >= warmupNanos) {
            latency.recordValue(now - w.currentArrival);
            completed++;
        }
        LongRing queue = kind == Kind.SHARED ? sharedArrivals : w.arrivals;
        if (!queue.isEmpty()) {
            waiting--;
            long service = kind == Kind.SHARED ? sharedServices.poll() : w.services.poll();
            start(w, queue.poll(), service);
        }
    }

    private void accrue(long t) {
        long dt = t - lastAccrual;
        if (dt > 0) {
            busyIntegral += (double) busyServers * dt;
            workerIntegral += (double) workerCount * dt;
            waitingIntegral += (double) waiting * dt;
            lastAccrual = t;
        }
    }

    /** Marks the end of the warm-up: utilization is averaged from here. Call at the warm-up time. */
    public void startMeasurement() {
        accrue(engine.now());
        warmupMark = engine.now();
        busyAtWarmup = busyIntegral;
        workersAtWarmup = workerIntegral;
        waitingAtWarmup = waitingIntegral;
    }

    /** Time-averaged number of waiting requests from the warm-up end to now (exact, for Little's law). */
    public double meanQueueDepth() {
        accrue(engine.now());
        long t = engine.now() - warmupMark;
        return t > 0 ? (waitingIntegral - waitingAtWarmup) / t : 0;
    }

    /**
     * Time-averaged number of requests in service from the warm-up end to now (continuous models; for the
     * per-round model, the busy fraction of capacity times the workers).
     */
    public double meanInService() {
        accrue(engine.now());
        long t = engine.now() - warmupMark;
        return t > 0 ? (busyIntegral - busyAtWarmup) / t : 0;
    }

    /** What happened since the previous sample (or the start): counts, and utilization over the interval. */
    public Interval sample() {
        accrue(engine.now());
        double busy = busyIntegral - sampleBusy;
        double workerTime = workerIntegral - sampleWorkers;
        Interval i = new Interval(workerCount, waiting, workerTime > 0 ? busy / workerTime : 0,
                arrivalsTotal - sampleArrivals, rejectionsTotal - sampleRejections);
        sampleArrivals = arrivalsTotal;
        sampleRejections = rejectionsTotal;
        sampleBusy = busyIntegral;
        sampleWorkers = workerIntegral;
        return i;
    }

    /** The pool's request statistics from the warm-up end to now. */
    public RequestStats stats() {
        accrue(engine.now());
        double workerTime = workerIntegral - workersAtWarmup;
        double utilization = workerTime > 0 ? (busyIntegral - busyAtWarmup) / workerTime : 0;
        double waitMs = waitCount > 0 ? waitSumNanos / waitCount / 1_000_000.0 : 0;
        return new RequestStats(arrived, completed, rejected, LatencySummary.fromHistogram(latency), waitMs,
                utilization);
    }

    /** Mean wait (start of service − arrival) of post-warm-up requests, nanoseconds, from exact sums. */
    public double meanWaitNanos() {
        return waitCount > 0 ? waitSumNanos / waitCount : 0;
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
