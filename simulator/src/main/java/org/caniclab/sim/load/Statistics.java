package org.caniclab.sim.load;

import org.HdrHistogram.Histogram;

/**
 * The statistics of one pool: whole-run counters (offered load and rejections, read by the timeline and
 * the autoscaler), the gauges (registered workers, busy servers, waiting requests) with their exact time
 * integrals, and the post-warm-up request statistics (counts, wait sum, latency histogram).
 *
 * <p>Every gauge change is preceded by {@link #accrue} at the same instant, and the integrals are only
 * advanced at those instants and when an observer reads them: the set of accrual instants decides how
 * the double sums round, so it is part of the output (the golden reports pin it).
 */
final class Statistics {
    private final long warmupNanos;

    // Counters over the whole run (timeline and autoscaler).
    long arrivalsTotal;
    long rejectionsTotal;

    // Gauges.
    int workers;
    int busy;
    int waiting;

    // Requests that arrived after the warm-up.
    private long arrived;
    private long completed;
    private long rejected;
    private long rejectedNoWorker;
    private double waitSumNanos;
    private long waitCount;
    final Histogram latency = new Histogram(3); // nanoseconds, auto-resizing

    // Time integrals (nanoseconds) of the gauges, and their values at the marks.
    private double busyIntegral;
    private double workerIntegral;
    private double waitingIntegral;
    private long lastAccrual;
    private long warmupMark;
    private double busyAtWarmup;
    private double workersAtWarmup;
    private double waitingAtWarmup;
    private long sampleArrivals;
    private long sampleRejections;
    private double sampleBusy;
    private double sampleWorkers;

    Statistics(long warmupNanos) {
        this.warmupNanos = warmupNanos;
    }

    /** Counts one arrival at {@code now}; returns whether it is measured. */
    boolean arrival(long now) {
        arrivalsTotal++;
        boolean measured = now >= warmupNanos;
        if (measured) {
            arrived++;
        }
        return measured;
    }

    void reject(boolean measured) {
        rejectionsTotal++;
        if (measured) {
            rejected++;
        }
    }

    void rejectNoWorker(boolean measured) {
        reject(measured);
        if (measured) {
            rejectedNoWorker++;
        }
    }

    /** A request that arrived at {@code arrival} starts service at {@code now}. */
    void waited(long arrival, long now) {
        if (arrival >= warmupNanos) {
            waitSumNanos += now - arrival;
            waitCount++;
        }
    }

    /** A request that arrived at {@code arrival} completes at {@code now}. */
    void completed(long arrival, long now) {
        if (arrival >= warmupNanos) {
            latency.recordValue(now - arrival);
            completed++;
        }
    }

    /**
     * A request that arrived at {@code arrival} executes at {@code now} in no virtual time: its latency
     * is its wait (per-round model).
     */
    void executed(long arrival, long now) {
        if (arrival >= warmupNanos) {
            long d = now - arrival;
            latency.recordValue(d);
            waitSumNanos += d;
            waitCount++;
            completed++;
        }
    }

    /** Adds busy time that no gauge describes: {@code n} executions of a round's capacity. */
    void addBusy(double nanos) {
        busyIntegral += nanos;
    }

    /** Advances the integrals to {@code t} with the gauges' current values. */
    void accrue(long t) {
        long dt = t - lastAccrual;
        if (dt > 0) {
            busyIntegral += (double) busy * dt;
            workerIntegral += (double) workers * dt;
            waitingIntegral += (double) waiting * dt;
            lastAccrual = t;
        }
    }

    void startMeasurement(long now) {
        accrue(now);
        warmupMark = now;
        busyAtWarmup = busyIntegral;
        workersAtWarmup = workerIntegral;
        waitingAtWarmup = waitingIntegral;
    }

    double meanQueueDepth(long now) {
        accrue(now);
        long t = now - warmupMark;
        return t > 0 ? (waitingIntegral - waitingAtWarmup) / t : 0;
    }

    double meanInService(long now) {
        accrue(now);
        long t = now - warmupMark;
        return t > 0 ? (busyIntegral - busyAtWarmup) / t : 0;
    }

    Pool.Interval sample(long now) {
        accrue(now);
        double busyTime = busyIntegral - sampleBusy;
        double workerTime = workerIntegral - sampleWorkers;
        Pool.Interval i = new Pool.Interval(workers, waiting, workerTime > 0 ? busyTime / workerTime : 0,
                arrivalsTotal - sampleArrivals, rejectionsTotal - sampleRejections);
        sampleArrivals = arrivalsTotal;
        sampleRejections = rejectionsTotal;
        sampleBusy = busyIntegral;
        sampleWorkers = workerIntegral;
        return i;
    }

    PoolStats snapshot(long now) {
        accrue(now);
        double workerTime = workerIntegral - workersAtWarmup;
        double utilization = workerTime > 0 ? (busyIntegral - busyAtWarmup) / workerTime : 0;
        return new PoolStats(arrived, completed, rejected, rejectedNoWorker, meanWaitNanos(), utilization, latency);
    }

    double meanWaitNanos() {
        return waitCount > 0 ? waitSumNanos / waitCount : 0;
    }

    long rejectedNoWorker() {
        return rejectedNoWorker;
    }
}
