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
    /** Latencies of completed requests and waits (zeros included) of started ones, nanoseconds. */
    private final BucketCounts latency = new BucketCounts();
    private final BucketCounts waits = new BucketCounts();
    /** Per-round pools: waits are latencies, and one histogram serves as both (see {@link #perRound}). */
    private boolean waitsAreLatencies;

    // Time integrals (nanoseconds) of the gauges, and their values at the marks.
    private double busyIntegral;
    private double workerIntegral;
    private double waitingIntegral;
    private long lastAccrual;
    /**
     * Busy and waiting time of single servers, which are settled in closed form ({@link SingleServerService})
     * rather than through the gauges: exact integer sums of whole services and waits ({@code settled*}), moved
     * into the double integrals above before they could overflow, plus the parts in progress at the last
     * {@link #open} ({@code open*}). The gauges of such a pool stay 0, so their integrals add nothing.
     */
    long settledBusy;
    long settledWaiting;
    private long openBusy;
    private long openWaiting;
    private int openQueued;
    private long warmupMark;
    private double busyAtWarmup;
    private double workersAtWarmup;
    private double waitingAtWarmup;
    // Per-round service: executions at a boundary occupy the round that starts there (see addRound).
    private long roundStart = Long.MIN_VALUE;
    private long roundExecuted;
    private long roundNanos;
    private int capacityPerRound;
    private long sampleArrivals;
    private long sampleRejections;
    private double sampleBusy;
    private double sampleWorkers;

    // Batch means (run.batches): per-batch sums over equal slices of the measured window, by arrival time.
    // Allocated once here, so the request path only indexes them.
    private final double batchScale;
    private final double[] batchWaitSum;
    private final long[] batchWaitCount;
    private final double[] batchLatencySum;
    private final long[] batchLatencyCount;

    Statistics(long warmupNanos) {
        this(warmupNanos, 0, 0);
    }

    /**
     * @param endNanos the end of the run (the measured window is {@code [warmupNanos, endNanos)})
     * @param batches 0 for no batch sums, else how many equal slices of the measured window to keep sums for
     */
    Statistics(long warmupNanos, long endNanos, int batches) {
        this.warmupNanos = warmupNanos;
        if (batches > 0 && endNanos > warmupNanos) {
            batchScale = batches / (double) (endNanos - warmupNanos);
            batchWaitSum = new double[batches];
            batchWaitCount = new long[batches];
            batchLatencySum = new double[batches];
            batchLatencyCount = new long[batches];
        } else {
            batchScale = 0;
            batchWaitSum = null;
            batchWaitCount = null;
            batchLatencySum = null;
            batchLatencyCount = null;
        }
    }

    /** The batch a measured request that arrived at {@code arrival} belongs to. */
    private int batch(long arrival) {
        int b = (int) ((arrival - warmupNanos) * batchScale);
        return Math.min(b, batchWaitSum.length - 1);
    }

    private void batchWait(long arrival, long d) {
        if (batchWaitSum != null) {
            int b = batch(arrival);
            batchWaitSum[b] += d;
            batchWaitCount[b]++;
        }
    }

    private void batchLatency(long arrival, long d) {
        if (batchLatencySum != null) {
            int b = batch(arrival);
            batchLatencySum[b] += d;
            batchLatencyCount[b]++;
        }
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
            recordWait(now - arrival);
            batchWait(arrival, now - arrival);
        }
    }

    private void recordWait(long d) {
        waitSumNanos += d;
        waitCount++;
        waits.record(d); // the waits that were positive are the histogram's non-zero ones (see snapshot)
    }

    /** A request that arrived at {@code arrival} completes at {@code now}. */
    void completed(long arrival, long now) {
        if (arrival >= warmupNanos) {
            latency.record(now - arrival);
            completed++;
            batchLatency(arrival, now - arrival);
        }
    }

    /**
     * A request that arrived at {@code arrival} executes at {@code now} in no virtual time: its latency
     * is its wait (per-round model).
     */
    void executed(long arrival, long now) {
        if (arrival >= warmupNanos) {
            long d = now - arrival;
            latency.record(d);
            waitSumNanos += d;
            waitCount++;
            if (!waitsAreLatencies) {
                waits.record(d);
            }
            completed++;
            batchWait(arrival, d);
            batchLatency(arrival, d);
        }
    }

    /**
     * Declares the pool per-round: {@link #executedAt} then accounts busy time, and {@link #executed}, the
     * only way such a pool's requests end, records each value once: its wait is its latency, so its
     * snapshot's wait histogram is its latency histogram (the same object: both are read, never recorded
     * into, by their users) instead of every value being counted twice into two equal histograms.
     */
    void perRound(int capacityPerRound, long roundNanos) {
        waitsAreLatencies = true;
        this.capacityPerRound = capacityPerRound;
        this.roundNanos = roundNanos;
    }

    /**
     * {@code n} requests executed at the round boundary {@code boundary} (= the last accrual instant). Each
     * occupies 1/capacity of its worker's round that starts at the boundary, spread evenly over that round,
     * so the busy gauge never exceeds the workers registered (a worker executes only at boundaries after
     * it registered, and at most its capacity per round) and utilization stays within [0, 1] over any
     * interval. All workers of a pool share the round grid, so one open round per pool suffices.
     */
    void executedAt(long boundary, int n) {
        if (boundary != roundStart) {
            roundStart = boundary;
            roundExecuted = 0;
        }
        roundExecuted += n;
    }

    /** Advances the integrals to {@code t} with the gauges' current values. */
    void accrue(long t) {
        long dt = t - lastAccrual;
        if (dt > 0) {
            busyIntegral += (double) busy * dt;
            workerIntegral += (double) workers * dt;
            waitingIntegral += (double) waiting * dt;
            if (roundExecuted > 0) {
                long overlap = Math.min(t, roundStart + roundNanos) - Math.max(lastAccrual, roundStart);
                if (overlap > 0) {
                    busyIntegral += (double) roundExecuted / capacityPerRound * overlap;
                }
            }
            lastAccrual = t;
        }
    }

    /**
     * Single servers' state at the instant of a read: busy time and waiting time accrued by the services and
     * waits in progress, and the requests waiting. Called just before the read, at its instant.
     */
    void open(long busyInProgress, long waitingInProgress, int queued) {
        openBusy = busyInProgress;
        openWaiting = waitingInProgress;
        openQueued = queued;
    }

    /** Moves the settled sums into the double integrals; called when one nears the range of a long. */
    void spillSettled() {
        busyIntegral += settledBusy;
        waitingIntegral += settledWaiting;
        settledBusy = 0;
        settledWaiting = 0;
    }

    /** The busy-time integral up to the last accrual or {@link #open}. */
    private double busyTime() {
        return busyIntegral + (double) (settledBusy + openBusy);
    }

    private double waitingTime() {
        return waitingIntegral + (double) (settledWaiting + openWaiting);
    }

    /** Requests waiting now (after the read's {@link #open}). */
    int waitingNow() {
        return waiting + openQueued;
    }

    void startMeasurement(long now) {
        accrue(now);
        warmupMark = now;
        busyAtWarmup = busyTime();
        workersAtWarmup = workerIntegral;
        waitingAtWarmup = waitingTime();
    }

    double meanQueueDepth(long now) {
        accrue(now);
        long t = now - warmupMark;
        return t > 0 ? (waitingTime() - waitingAtWarmup) / t : 0;
    }

    double meanInService(long now) {
        accrue(now);
        long t = now - warmupMark;
        return t > 0 ? (busyTime() - busyAtWarmup) / t : 0;
    }

    Pool.Interval sample(long now) {
        accrue(now);
        double busy = busyTime();
        double busyTime = busy - sampleBusy;
        double workerTime = workerIntegral - sampleWorkers;
        Pool.Interval i = new Pool.Interval(workers, waitingNow(), workerTime > 0 ? busyTime / workerTime : 0,
                arrivalsTotal - sampleArrivals, rejectionsTotal - sampleRejections);
        sampleArrivals = arrivalsTotal;
        sampleRejections = rejectionsTotal;
        sampleBusy = busy;
        sampleWorkers = workerIntegral;
        return i;
    }

    PoolStats snapshot(long now) {
        accrue(now);
        double workerTime = workerIntegral - workersAtWarmup;
        double utilization = workerTime > 0 ? (busyTime() - busyAtWarmup) / workerTime : 0;
        HistogramFigures latencyFigures = latency.figures();
        HistogramFigures waitFigures = waitsAreLatencies ? latencyFigures : waits.figures();
        long waited = waitFigures.count() - waitFigures.zeros();
        return new PoolStats(arrived, completed, rejected, rejectedNoWorker, meanWaitNanos(), waited,
                utilization, latencyFigures, waitFigures,
                batchWaitSum == null ? java.util.Optional.empty() : java.util.Optional.of(new PoolStats.Batches(
                        batchWaitSum.clone(), batchWaitCount.clone(), batchLatencySum.clone(),
                        batchLatencyCount.clone())));
    }

    double meanWaitNanos() {
        return waitCount > 0 ? waitSumNanos / waitCount : Double.NaN;
    }

    /** A new latency histogram holding every completion so far. */
    Histogram latencyHistogram() {
        return latency.histogram();
    }

    long rejectedNoWorker() {
        return rejectedNoWorker;
    }
}
