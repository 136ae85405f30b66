package org.caniclab.sim.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [[load]]} entry: where requests come from. Each source draws from its own random stream.
 *
 * <pre>{@code
 * LoadSource l = new LoadSource.Poisson("poisson-api", "api",
 *         List.of(new LoadSource.RateSegment(0, 60_000_000_000L, 50, 50)));
 * }</pre>
 */
public sealed interface LoadSource {
    /** Unique among the scenario's sources (checked by {@link Scenario}). */
    String name();

    /**
     * Poisson arrivals to {@code pool} whose rate (requests per second) follows {@code schedule}: one or
     * more segments in time order, not overlapping (gaps have rate 0).
     */
    record Poisson(String name, String pool, List<RateSegment> schedule) implements LoadSource {
        public Poisson {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pool, "pool");
            schedule = List.copyOf(schedule);
            Check.that(!schedule.isEmpty(), "LoadSource.Poisson.schedule", "[]", "one or more segments");
            long previousEnd = 0;
            for (RateSegment s : schedule) {
                Check.that(s.fromNanos() >= previousEnd, "LoadSource.Poisson.schedule segment from", s.fromNanos(),
                        "segments in time order, not overlapping (previous ends at " + previousEnd + ")");
                previousEnd = s.toNanos();
            }
        }
    }

    /**
     * {@code requests} (>= 1) arrivals to {@code pool} spread uniformly over
     * {@code [atNanos, atNanos + spreadNanos)}, {@code atNanos} and {@code spreadNanos} >= 0.
     */
    record Burst(String name, String pool, long atNanos, int requests, long spreadNanos) implements LoadSource {
        public Burst {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pool, "pool");
            Check.nonNegative(atNanos, "LoadSource.Burst.atNanos");
            Check.that(requests >= 1, "LoadSource.Burst.requests", requests, ">= 1");
            Check.nonNegative(spreadNanos, "LoadSource.Burst.spreadNanos");
        }
    }

    /**
     * Arrivals replayed from a CSV trace with columns {@code time_s,pool} ({@code pool} optional, then
     * {@code defaultPool}); rows in non-decreasing time. The loader has read the whole trace once to check
     * it; replay reads it again, streamed.
     */
    record Trace(String name, Path file, Optional<String> defaultPool) implements LoadSource {
        public Trace {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(defaultPool, "defaultPool (Optional.empty() for none)");
        }
    }

    /**
     * A segment of a rate schedule: from {@code fromNanos} (>= 0) to {@code toNanos} (above it) the rate
     * goes linearly from {@code startRate} to {@code endRate} requests per second (finite, >= 0; equal
     * values: constant).
     */
    record RateSegment(long fromNanos, long toNanos, double startRate, double endRate) {
        public RateSegment {
            Check.nonNegative(fromNanos, "LoadSource.RateSegment.fromNanos");
            Check.that(toNanos > fromNanos, "LoadSource.RateSegment.toNanos", toNanos, "above fromNanos " + fromNanos);
            Check.that(startRate >= 0 && Double.isFinite(startRate), "LoadSource.RateSegment.startRate", startRate,
                    "a finite rate >= 0");
            Check.that(endRate >= 0 && Double.isFinite(endRate), "LoadSource.RateSegment.endRate", endRate,
                    "a finite rate >= 0");
        }
    }
}
