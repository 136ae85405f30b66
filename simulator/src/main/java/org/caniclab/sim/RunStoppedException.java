package org.caniclab.sim;

/**
 * A run given up before its end because its {@link RunControl#stopRequested()} said so (the CLI's SIGINT/SIGTERM):
 * it produced nothing, and what it had spilled is deleted.
 *
 * <pre>{@code
 * try { substrate.run(scenario, control); }
 * catch (RunStoppedException e) { System.err.println("interrupted at " + e.simulatedNanos() / 1e9 + " s"); }
 * }</pre>
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long simulatedNanos;
    private final long durationNanos;

    public RunStoppedException(long simulatedNanos, long durationNanos) {
        super("the run was stopped at " + simulatedNanos / 1e9 + " s of " + durationNanos / 1e9 + " s simulated");
        this.simulatedNanos = simulatedNanos;
        this.durationNanos = durationNanos;
    }

    /** Virtual time reached when the run stopped. */
    public long simulatedNanos() {
        return simulatedNanos;
    }

    /** The run's full length. */
    public long durationNanos() {
        return durationNanos;
    }
}
