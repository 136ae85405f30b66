package org.caniclab.sim.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code [[calls]]} entry: {@code count} orchestration calls delivered to the hub at {@code atNanos}
 * (count > 1 at one instant reproduces the concurrent-create race).
 *
 * <pre>{@code
 * new ScheduledCall(1_000_000_000L, ScheduledCall.Kind.CREATE_WORKER, "api", 8)
 * }</pre>
 *
 * @param atNanos >= 0
 * @param pool the pool the call names (the scenario loader requires one of the scenario's pools)
 * @param count from 1 to {@link #MAX_COUNT}
 */
public record ScheduledCall(long atNanos, Kind kind, String pool, int count) {
    /** The most calls one entry may deliver at once. */
    public static final int MAX_COUNT = 100_000;

    public ScheduledCall {
        Check.nonNegative(atNanos, "ScheduledCall.atNanos");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pool, "pool");
        Check.that(count >= 1 && count <= MAX_COUNT, "ScheduledCall.count", count, "from 1 to " + MAX_COUNT);
    }

    /** The orchestration call made. */
    public enum Kind {
        CREATE_WORKER,
        PLAN_CREATE_WORKER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
