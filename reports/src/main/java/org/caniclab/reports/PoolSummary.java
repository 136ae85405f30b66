package org.caniclab.reports;

import java.util.Objects;

/**
 * End-of-run figures for one worker pool: its limits, how many workers it reached, what the
 * orchestration did, and what its requests experienced.
 *
 * <pre>{@code
 * PoolSummary api = new PoolSummary("api", 1, 4, 4, 6, PoolSummary.overshoot(6, 4),
 *         6, 6, 0, 0, 6_000_000_000_000L, RequestStats.NONE);
 * }</pre>
 *
 * @param name pool name (unique within a run)
 * @param minWorkers configured minimum
 * @param maxWorkers configured maximum; 0 means unbounded
 * @param workersFinal workers registered at the end of the run
 * @param workersPeak most workers registered at any instant
 * @param overshootPeak how far the peak exceeded {@code maxWorkers}; see {@link #overshoot}
 * @param createsStarted create requests the hub sent to root
 * @param createsCompleted creations that returned a principal
 * @param createsFailed creations that failed
 * @param createsOrphaned creations root carried out but answered with an error: the canister exists and
 *     was paid for, but the hub never registered it
 * @param cyclesSpent cycles paid for creations
 * @param requests load served by the pool
 */
public record PoolSummary(
        String name,
        int minWorkers,
        int maxWorkers,
        int workersFinal,
        int workersPeak,
        int overshootPeak,
        long createsStarted,
        long createsCompleted,
        long createsFailed,
        long createsOrphaned,
        long cyclesSpent,
        RequestStats requests) {

    public PoolSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requests, "requests");
    }

    /**
     * Workers above the limit: {@code peak - maxWorkers} when the pool is bounded
     * ({@code maxWorkers > 0}) and the peak exceeded it, else 0. This is the number the seed's
     * race inflates, so the definition is fixed here once for every producer.
     */
    public static int overshoot(int peak, int maxWorkers) {
        return maxWorkers > 0 && peak > maxWorkers ? peak - maxWorkers : 0;
    }
}
