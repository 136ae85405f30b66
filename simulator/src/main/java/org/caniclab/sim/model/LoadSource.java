package org.caniclab.sim.model;

import java.nio.file.Path;
import java.util.List;

/** One {@code [[load]]} entry: where requests come from. Each source draws from its own random stream. */
public sealed interface LoadSource {
    String name();

    /** Poisson arrivals to {@code pool} whose rate (requests per second) follows {@code schedule}. */
    record Poisson(String name, String pool, List<RateSegment> schedule) implements LoadSource {
        public Poisson {
            schedule = List.copyOf(schedule);
        }
    }

    /** {@code requests} arrivals to {@code pool} spread uniformly over {@code [atNanos, atNanos + spreadNanos)}. */
    record Burst(String name, String pool, long atNanos, int requests, long spreadNanos) implements LoadSource {}

    /**
     * Arrivals replayed from a CSV trace with columns {@code time_s,pool} ({@code pool} optional, then
     * {@code defaultPool}); rows in non-decreasing time.
     */
    record Trace(String name, Path file, String defaultPool) implements LoadSource {}

    /**
     * A segment of a rate schedule: from {@code fromNanos} to {@code toNanos} the rate goes linearly from
     * {@code startRate} to {@code endRate} requests per second (equal values: constant).
     */
    record RateSegment(long fromNanos, long toNanos, double startRate, double endRate) {}
}
