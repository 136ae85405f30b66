package org.caniclab.sim.model;

/**
 * The {@code [run]} section.
 *
 * <pre>{@code
 * new RunSettings(1, 60_000_000_000L, 0, 1_000_000_000L)   // seed 1, 60 s, no warmup, a row per second
 * }</pre>
 *
 * @param seed the root of every named random stream (any long)
 * @param durationNanos simulated time to run, > 0
 * @param warmupNanos statistics (latency, waits, utilization) ignore requests arriving before this time;
 *     >= 0 and below {@code durationNanos}
 * @param sampleIntervalNanos the spacing of {@code timeline.csv} rows, > 0
 * @param batches {@code run.batches}: the measured window's number of equal batches for batch-means intervals,
 *     0 for none, else 2 to {@link #MAX_BATCHES}
 */
public record RunSettings(long seed, long durationNanos, long warmupNanos, long sampleIntervalNanos, int batches) {
    /** Most batches a run may ask for: each pool keeps four numbers per batch. */
    public static final int MAX_BATCHES = 100_000;

    public RunSettings {
        Check.positive(durationNanos, "RunSettings.durationNanos");
        Check.nonNegative(warmupNanos, "RunSettings.warmupNanos");
        Check.that(warmupNanos < durationNanos, "RunSettings.warmupNanos", warmupNanos,
                "below durationNanos " + durationNanos);
        Check.positive(sampleIntervalNanos, "RunSettings.sampleIntervalNanos");
        Check.that(batches == 0 || (batches >= 2 && batches <= MAX_BATCHES), "RunSettings.batches", batches,
                "0 (none) or 2 to " + MAX_BATCHES);
    }

    /** Settings without batch means. */
    public RunSettings(long seed, long durationNanos, long warmupNanos, long sampleIntervalNanos) {
        this(seed, durationNanos, warmupNanos, sampleIntervalNanos, 0);
    }

    /** The same settings with another seed (the CLI's {@code --seed}). */
    public RunSettings withSeed(long s) {
        return new RunSettings(s, durationNanos, warmupNanos, sampleIntervalNanos, batches);
    }
}
