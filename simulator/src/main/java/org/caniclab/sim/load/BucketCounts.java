package org.caniclab.sim.load;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The request path's side of one auto-resizing {@code new Histogram(3)} (nanoseconds): it counts values in a
 * plain {@code long[]} laid out like the histogram's counts and adds them to the histogram only when the
 * histogram is read ({@link #histogram()}), after which the histogram's state is exactly what recording each
 * value into it would have made.
 *
 * <pre>{@code
 * BucketCounts latency = new BucketCounts();
 * latency.record(now - arrival);            // per request: an index and an increment
 * double p99 = latency.histogram().getValueAtPercentile(99);
 * }</pre>
 *
 * <p>Why: {@code Histogram.recordValue} reads two volatile fields (its minimum and maximum), keeps a total
 * and normalises the index on every call, and grows through an exception handler; two recordings per
 * request (wait and latency) were about a tenth of a continuous replay. Here a recording is the same index
 * arithmetic, one increment and two well-predicted comparisons.
 *
 * <p>Why the result is identical: counts, total and the counts array's final length (it grows to cover the
 * largest value recorded, whatever the order) depend only on how many values fell in each bucket. The
 * minimum and maximum, which the histogram keeps as exact values, are kept exactly here and passed on: the
 * smallest non-zero value stands for its bucket, and the largest is recorded with a count of 0, which
 * updates the histogram's maximum (and sizes it) and nothing else.
 */
final class BucketCounts {
    /** Sub-buckets per half bucket for 3 significant digits: 2 * 10^3 rounded up to 2048, halved. */
    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF_COUNT = 1 << HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = 2L * HALF_COUNT - 1;
    /** 64 - unit magnitude (0: 1 ns) - half magnitude - 1, as HdrHistogram computes it. */
    private static final int LEADING_ZERO_COUNT_BASE = 64 - HALF_MAGNITUDE - 1;

    private final Histogram histogram = new Histogram(3);
    /**
     * Counts since the last flush, at HdrHistogram's index of each value (unit 1, no normalising offset), in
     * chunks of one half bucket ({@code chunks[i >> 10][i & 1023]}), each allocated when a value first
     * falls in it: a wider range costs a new chunk, never a copy of the counts so far, so a run allocates
     * only the chunks its values touch (about 15 of 8 KiB for latencies up to 16 ms).
     */
    private long[][] chunks = new long[2 * HALF_COUNT >> HALF_MAGNITUDE][];
    private boolean pending;
    private long max = -1;
    private long minNonZero = Long.MAX_VALUE;

    /** Counts one value, {@code >= 0}. */
    void record(long value) {
        int i = index(value);
        int chunk = i >>> HALF_MAGNITUDE;
        long[] c = chunk < chunks.length ? chunks[chunk] : null;
        if (c == null) {
            c = newChunk(chunk);
        }
        c[i & (HALF_COUNT - 1)]++;
        pending = true;
        if (value > max) {
            max = value;
        }
        if (value < minNonZero && value != 0) {
            minNonZero = value;
        }
    }

    /** The histogram, with every value recorded so far. Read it; do not record into it. */
    Histogram histogram() {
        if (pending) {
            flush();
        }
        return histogram;
    }

    /** HdrHistogram's {@code countsArrayIndex} for 3 significant digits and a unit of 1. */
    static int index(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("cannot record a negative value: " + value);
        }
        int bucket = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        int subBucket = (int) (value >>> bucket);
        return ((bucket + 1) << HALF_MAGNITUDE) + (subBucket - HALF_COUNT);
    }

    /** The smallest value of the bucket at {@code index} (HdrHistogram's {@code valueFromIndex}). */
    static long lowestValueAt(int index) {
        int bucket = (index >> HALF_MAGNITUDE) - 1;
        int subBucket = (index & (HALF_COUNT - 1)) + HALF_COUNT;
        if (bucket < 0) {
            subBucket -= HALF_COUNT;
            bucket = 0;
        }
        return (long) subBucket << bucket;
    }

    private long[] newChunk(int chunk) {
        if (chunk >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(chunk + 1, chunks.length * 2));
        }
        long[] c = new long[HALF_COUNT];
        chunks[chunk] = c;
        return c;
    }

    private void flush() {
        // The maximum first, with a count of 0: the histogram grows once to its final size (instead of once
        // per larger bucket) and takes the exact maximum; the exact minimum stands for its own bucket.
        if (max >= 0) {
            histogram.recordValueWithCount(max, 0);
        }
        int minIndex = minNonZero == Long.MAX_VALUE ? -1 : index(minNonZero);
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            long[] c = chunks[chunk];
            if (c == null) {
                continue;
            }
            for (int j = 0; j < HALF_COUNT; j++) {
                long n = c[j];
                if (n != 0) {
                    int i = (chunk << HALF_MAGNITUDE) + j;
                    histogram.recordValueWithCount(i == minIndex ? minNonZero : lowestValueAt(i), n);
                    c[j] = 0;
                }
            }
        }
        pending = false;
    }
}
