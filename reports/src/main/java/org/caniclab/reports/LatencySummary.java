package org.caniclab.reports;

import org.HdrHistogram.AbstractHistogram;

/**
 * The few latency figures a summary shows for one pool, in milliseconds.
 *
 * <pre>{@code
 * Histogram nanos = new Histogram(3);
 * nanos.recordValue(2_500_000);                      // 2.5 ms
 * LatencySummary ms = LatencySummary.fromHistogram(nanos);
 * double p99 = ms.p99();                             // ~2.5
 * }</pre>
 *
 * @param mean mean latency (every figure NaN when nothing was recorded)
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest recorded value (to the histogram's precision)
 */
public record LatencySummary(double mean, double p50, double p90, double p99, double max) {

    /**
     * What a pool that served no request reports: every figure NaN, which the writers show as
     * {@code null} (summary.json) or {@code —} (summary.txt, the page), never as a measured 0.
     */
    public static final LatencySummary NONE = new LatencySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    private static final double NANOS_PER_MS = 1_000_000.0;

    /**
     * Summarises a histogram of nanosecond values in milliseconds; an empty histogram gives
     * {@link #NONE}: no request, no figure.
     */
    public static LatencySummary fromHistogram(AbstractHistogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return NONE;
        }
        return ofNanos(nanos.getTotalCount(), nanos.getMean(), nanos.getValueAtPercentile(50.0),
                nanos.getValueAtPercentile(90.0), nanos.getValueAtPercentile(99.0), nanos.getMaxValue());
    }

    /**
     * The same from a histogram's answers given one by one (nanoseconds: {@code getMean()},
     * {@code getValueAtPercentile(50, 90, 99)}, {@code getMaxValue()}) by a producer that computed them without
     * the histogram; {@link #NONE} when {@code count} is 0.
     */
    public static LatencySummary ofNanos(long count, double mean, long p50, long p90, long p99, long max) {
        if (count == 0) {
            return NONE;
        }
        return new LatencySummary(mean / NANOS_PER_MS, p50 / NANOS_PER_MS, p90 / NANOS_PER_MS, p99 / NANOS_PER_MS,
                max / NANOS_PER_MS);
    }
}
