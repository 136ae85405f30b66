package org.caniclab.sim.model;

/**
 * The {@code [run]} section.
 *
 * @param seed the root of every named random stream
 * @param durationNanos simulated time to run
 * @param warmupNanos statistics (latency, waits, utilization) ignore requests arriving before this time
 * @param sampleIntervalNanos the spacing of {@code timeline.csv} rows
 */
public record RunSettings(long seed, long durationNanos, long warmupNanos, long sampleIntervalNanos) {
    public RunSettings withSeed(long s) {
        return new RunSettings(s, durationNanos, warmupNanos, sampleIntervalNanos);
    }
}
