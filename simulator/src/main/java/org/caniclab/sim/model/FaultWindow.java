package org.caniclab.sim.model;

import java.util.Locale;

/**
 * One {@code [[faults]]} entry: between {@code fromNanos} and {@code toNanos}, each create request that
 * root handles fails with {@code probability} in the way {@code kind} says.
 */
public record FaultWindow(long fromNanos, long toNanos, Kind kind, double probability) {
    /** How a create fails. */
    public enum Kind {
        /** Root rejects the request before creating anything (hub: {@code policy_denied}). */
        ROOT_REJECT,
        /** The call between hub and root is rejected in transport (hub: {@code invalid_state}). */
        TRANSIENT_REJECT,
        /** Root creates and installs the child, then fails propagating it: an orphan worker. */
        ORPHAN_AFTER_CREATE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
