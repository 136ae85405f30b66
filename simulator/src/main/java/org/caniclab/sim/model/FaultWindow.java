package org.caniclab.sim.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code [[faults]]} entry: between {@code fromNanos} and {@code toNanos}, each create request that
 * root handles fails with {@code probability} in the way {@code kind} says.
 *
 * <pre>{@code
 * new FaultWindow(0, 10_000_000_000L, FaultWindow.Kind.ROOT_REJECT, 0.5)
 * }</pre>
 *
 * @param fromNanos >= 0
 * @param toNanos above {@code fromNanos}
 * @param probability from 0 to 1
 */
public record FaultWindow(long fromNanos, long toNanos, Kind kind, double probability) {
    public FaultWindow {
        Check.nonNegative(fromNanos, "FaultWindow.fromNanos");
        Check.that(toNanos > fromNanos, "FaultWindow.toNanos", toNanos, "above fromNanos " + fromNanos);
        Objects.requireNonNull(kind, "kind");
        Check.that(probability >= 0 && probability <= 1, "FaultWindow.probability", probability, "from 0 to 1");
    }

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
