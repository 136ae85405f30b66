package org.caniclab.sim.ic;

/**
 * Round arithmetic: the IC executes canister messages at round (block) boundaries, the multiples of the
 * round length. A message delivered at {@code t} executes at the first boundary at or after {@code t}; a
 * call made while executing at boundary {@code b} is delivered {@code n} rounds later, at {@code b + n·R}.
 *
 * <pre>{@code
 * Rounds r = new Rounds(900_000_000L);
 * r.atOrAfter(1_000_000_000L);    // 1_800_000_000
 * r.after(1_800_000_000L, 1);     // 2_700_000_000
 * }</pre>
 */
public final class Rounds {
    private final long roundNanos;

    public Rounds(long roundNanos) {
        if (roundNanos <= 0) {
            throw new IllegalArgumentException("round length is " + roundNanos + " ns; accepted are values > 0");
        }
        this.roundNanos = roundNanos;
    }

    public long roundNanos() {
        return roundNanos;
    }

    /** The first round boundary at or after {@code t} (t ≥ 0). */
    public long atOrAfter(long t) {
        long r = t % roundNanos;
        return r == 0 ? t : t - r + roundNanos;
    }

    /** The boundary {@code rounds} rounds after the boundary at or after {@code t}. */
    public long after(long t, int rounds) {
        return atOrAfter(t) + (long) rounds * roundNanos;
    }
}
