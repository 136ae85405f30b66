package org.caniclab.reports;

import java.util.Objects;
import java.util.Optional;

/**
 * What the requests sent to one pool experienced over a run.
 *
 * <pre>{@code
 * RequestStats stats = new RequestStats(1_200, 1_180, 20,
 *         LatencySummary.fromHistogram(latencyNanos), 0.8, WaitSummary.fromHistogram(waitNanos, 300), 0.75);
 * }</pre>
 *
 * @param arrived requests that arrived at the pool
 * @param completed requests served
 * @param rejected requests refused (queue full, no worker)
 * @param latencyMs end-to-end latency of completed requests, in milliseconds ({@link LatencySummary#NONE}
 *     when none completed)
 * @param waitMsMean mean time spent queued before service, in milliseconds; NaN when no request started
 *     service (written as {@code null})
 * @param waits the wait distribution of requests that started service
 * @param utilizationMean mean fraction of worker capacity in use, 0 to 1
 * @param batchMeans with {@code run.batches}: the batch means of the wait and the latency
 */
public record RequestStats(
        long arrived,
        long completed,
        long rejected,
        LatencySummary latencyMs,
        double waitMsMean,
        WaitSummary waits,
        double utilizationMean,
        Optional<BatchMeans> batchMeans) {

    /** A pool that received no requests. */
    public static final RequestStats NONE = new RequestStats(0, 0, 0, LatencySummary.NONE, Double.NaN,
            WaitSummary.NONE, 0);

    public RequestStats {
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(waits, "waits");
        Objects.requireNonNull(batchMeans, "batchMeans");
    }

    /** Without batch means. */
    public RequestStats(long arrived, long completed, long rejected, LatencySummary latencyMs, double waitMsMean,
            WaitSummary waits, double utilizationMean) {
        this(arrived, completed, rejected, latencyMs, waitMsMean, waits, utilizationMean, Optional.empty());
    }
}
