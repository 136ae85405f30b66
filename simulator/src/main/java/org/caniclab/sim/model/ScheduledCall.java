package org.caniclab.sim.model;

import java.util.Locale;

/**
 * One {@code [[calls]]} entry: {@code count} orchestration calls delivered to the hub at {@code atNanos}
 * (count > 1 at one instant reproduces the concurrent-create race).
 */
public record ScheduledCall(long atNanos, Kind kind, String pool, int count) {
    /** The orchestration call made. */
    public enum Kind {
        CREATE_WORKER,
        PLAN_CREATE_WORKER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
