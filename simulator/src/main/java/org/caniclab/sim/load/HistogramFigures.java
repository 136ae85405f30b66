package org.caniclab.sim.load;

/**
 * What an HdrHistogram {@code Histogram(3)} of nanosecond values answers to the questions a summary asks, computed
 * without one: the count, the zeros, {@code getMean()}, {@code getValueAtPercentile(50, 90, 99)} and
 * {@code getMaxValue()}, each equal to the histogram's own answer bit for bit ({@link BucketCounts#figures()}).
 *
 * <pre>{@code
 * HistogramFigures f = latency.figures();
 * double p99Ms = f.p99() / 1e6;        // what histogram.getValueAtPercentile(99) / 1e6 gives
 * long positive = f.count() - f.zeros();
 * }</pre>
 *
 * @param count values recorded ({@code getTotalCount()}); every other figure is 0 when it is 0
 * @param zeros values recorded as 0 ({@code getCountAtValue(0)})
 * @param mean {@code getMean()}: bucket midpoints weighted by their counts, summed in bucket order
 * @param p50 {@code getValueAtPercentile(50.0)}: the highest value equivalent to the median's bucket
 * @param p90 {@code getValueAtPercentile(90.0)}
 * @param p99 {@code getValueAtPercentile(99.0)}
 * @param max {@code getMaxValue()}: the highest value equivalent to the largest value recorded
 */
public record HistogramFigures(long count, long zeros, double mean, long p50, long p90, long p99, long max) {
    /** No value recorded. */
    public static final HistogramFigures EMPTY = new HistogramFigures(0, 0, 0, 0, 0, 0, 0);
}
