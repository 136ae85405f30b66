package org.caniclab.reports;

import java.util.Objects;

/**
 * One sample of a pool's state, taken at the end of a sampling interval; a run's rows become
 * {@code timeline.csv}.
 *
 * <pre>{@code
 * TimelineRow row = new TimelineRow(1_000_000_000L, "api", 3, 1, 1, 12, 0.82, 140, 0);
 * }</pre>
 *
 * @param timeNanos virtual time of the sample
 * @param pool pool name
 * @param workers registered workers
 * @param reserved creations holding a reservation ({@code reserved} mode; always 0 in the seed's mode)
 * @param inFlight create requests awaiting root's answer, whatever the mode: the seed's race shows here
 * @param queueDepth requests waiting for service
 * @param utilization fraction of worker capacity in use, 0 to 1
 * @param arrivals requests that arrived in the interval ending at {@code timeNanos}
 * @param rejections requests refused in that interval
 */
public record TimelineRow(
        long timeNanos,
        String pool,
        int workers,
        int reserved,
        int inFlight,
        int queueDepth,
        double utilization,
        long arrivals,
        long rejections) {

    public TimelineRow {
        Objects.requireNonNull(pool, "pool");
    }
}
