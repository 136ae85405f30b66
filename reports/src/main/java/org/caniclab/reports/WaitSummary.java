package org.caniclab.reports;

import org.HdrHistogram.AbstractHistogram;

/**
 * How long the requests of one pool waited before service: the share that waited at all, how many, and the
 * wait percentiles in milliseconds. A summary's answer to "P(wait &gt; 0)" without a timeline.
 *
 * <pre>{@code
 * Histogram waits = new Histogram(3);   // nanoseconds, zero waits included
 * waits.recordValue(0);
 * waits.recordValue(4_000_000);
 * WaitSummary w = WaitSummary.fromHistogram(waits, 1);
 * double pWait = w.pWait();             // 0.5
 * }</pre>
 *
 * @param pWait the fraction of requests that started service after a positive wait; NaN when none started
 * @param waited requests that started service after a positive wait (0 when none started)
 * @param p50 median wait, ms; NaN when none started
 * @param p90 90th percentile, ms
 * @param p99 99th percentile, ms
 * @param max longest wait, ms (to the histogram's precision)
 */
public record WaitSummary(double pWait, long waited, double p50, double p90, double p99, double max) {

    /** A pool where no request started service: no figure, and nobody waited. */
    public static final WaitSummary NONE = new WaitSummary(Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    private static final double NANOS_PER_MS = 1_000_000.0;

    /**
     * Summarises a histogram of every started request's wait (nanoseconds, zeros included) and the count
     * of those whose wait was positive (counted exactly, not read from the histogram's buckets).
     */
    public static WaitSummary fromHistogram(AbstractHistogram nanos, long waited) {
        long n = nanos.getTotalCount();
        if (n == 0) {
            return NONE;
        }
        return ofNanos(n, waited, nanos.getValueAtPercentile(50.0), nanos.getValueAtPercentile(90.0),
                nanos.getValueAtPercentile(99.0), nanos.getMaxValue());
    }

    /**
     * The same from a histogram's answers given one by one (nanoseconds: its total count,
     * {@code getValueAtPercentile(50, 90, 99)}, {@code getMaxValue()}) by a producer that computed them without
     * the histogram; {@link #NONE} when {@code count} is 0.
     */
    public static WaitSummary ofNanos(long count, long waited, long p50, long p90, long p99, long max) {
        if (count == 0) {
            return NONE;
        }
        return new WaitSummary((double) waited / count, waited, p50 / NANOS_PER_MS, p90 / NANOS_PER_MS,
                p99 / NANOS_PER_MS, max / NANOS_PER_MS);
    }
}
