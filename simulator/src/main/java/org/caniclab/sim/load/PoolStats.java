package org.caniclab.sim.load;

import java.util.Objects;
import java.util.Optional;

/**
 * What the requests sent to one pool experienced from the warm-up end to the moment of the snapshot, in
 * the simulator's own units (nanoseconds, counts). The reports' vocabulary is built from it in one place,
 * outside this package.
 *
 * <pre>{@code
 * PoolStats s = pool.stats();
 * double meanLatencyMs = s.latency().mean() / 1e6;
 * long served = s.completed();
 * }</pre>
 *
 * @param arrived requests that arrived after the warm-up (served or rejected)
 * @param completed of those, requests whose service ended
 * @param rejected of those, requests refused (queue full or no worker)
 * @param rejectedNoWorker of the rejected, those refused because no worker was registered
 * @param meanWaitNanos mean time from arrival to start of service of measured requests, NaN when none started
 * @param waited of the measured requests that started service, those that waited a positive time
 * @param utilization busy time / worker time after the warm-up, 0 when no worker existed
 * @param latency the latency figures of completed measured requests (arrival to end of service), nanoseconds, as a
 *     {@code Histogram(3)} of them gives them ({@link Pool#latencyHistogram()} is that histogram)
 * @param waits the wait figures of measured requests that started service (zero waits included), nanoseconds; in a
 *     per-round pool, where every wait is the request's latency, the same figures as {@code latency}
 * @param batches with {@code run.batches}: the per-batch sums of waits and latencies
 */
public record PoolStats(long arrived, long completed, long rejected, long rejectedNoWorker, double meanWaitNanos,
        long waited, double utilization, HistogramFigures latency, HistogramFigures waits, Optional<Batches> batches) {

    public PoolStats {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(waits, "waits");
        Objects.requireNonNull(batches, "batches");
    }

    /** Without batch sums. */
    public PoolStats(long arrived, long completed, long rejected, long rejectedNoWorker, double meanWaitNanos,
            long waited, double utilization, HistogramFigures latency, HistogramFigures waits) {
        this(arrived, completed, rejected, rejectedNoWorker, meanWaitNanos, waited, utilization, latency, waits,
                Optional.empty());
    }

    /**
     * Sums over B equal slices of the measured window, a measured request counted in the slice of its arrival:
     * the waits (arrival to start of service) and latencies (arrival to end of service) in nanoseconds, and how
     * many of each. Copies, taken at the snapshot.
     *
     * <pre>{@code
     * double firstBatchMeanWait = b.waitSumNanos()[0] / b.waitCount()[0];
     * }</pre>
     */
    public record Batches(double[] waitSumNanos, long[] waitCount, double[] latencySumNanos, long[] latencyCount) {
        /** The mean of each batch with at least one value ({@code sums[i] / counts[i]}), divided by {@code unit}. */
        public static java.util.List<Double> means(double[] sums, long[] counts, double unit) {
            java.util.List<Double> out = new java.util.ArrayList<>();
            for (int i = 0; i < sums.length; i++) {
                if (counts[i] > 0) {
                    out.add(sums[i] / counts[i] / unit);
                }
            }
            return out;
        }
    }
}
