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
 * @param mean mean latency
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest recorded value (to the histogram's precision)
 */
public record LatencySummary(double mean, double p50, double p90, double p99, double max) {

    /** All zeros: what a pool that served no request reports. */
    public static final LatencySummary ZERO = new LatencySummary(0, 0, 0, 0, 0);

    private static final double NANOS_PER_MS = 1_000_000.0;

    /**
     * Summarises a histogram of nanosecond values in milliseconds; an empty histogram gives
     * {@link #ZERO} rather than the NaN mean HdrHistogram would report.
     */
    public static LatencySummary fromHistogram(AbstractHistogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return ZERO;
        }
        return new LatencySummary(
                nanos.getMean() / NANOS_PER_MS,
                nanos.getValueAtPercentile(50.0) / NANOS_PER_MS,
                nanos.getValueAtPercentile(90.0) / NANOS_PER_MS,
                nanos.getValueAtPercentile(99.0) / NANOS_PER_MS,
                nanos.getMaxValue() / NANOS_PER_MS);
    }
}
