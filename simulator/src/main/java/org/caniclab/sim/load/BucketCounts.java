package org.caniclab.sim.load;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * A histogram of nanosecond values laid out as an auto-resizing HdrHistogram {@code new Histogram(3)} lays out its
 * counts, kept in plain {@code long[]} chunks of 128: the request path records into it, a summary reads its
 * {@link #figures()} (the histogram's own answers, computed in one pass over the buckets that were touched), and only
 * a report that draws or writes the distribution asks for a real {@link #histogram()}.
 *
 * <pre>{@code
 * BucketCounts latency = new BucketCounts();
 * latency.record(now - arrival);                 // per request: an index and an increment
 * long p99 = latency.figures().p99();            // = latency.histogram().getValueAtPercentile(99)
 * }</pre>
 *
 * <p>Why: {@code Histogram.recordValue} reads two volatile fields (its minimum and maximum), keeps a total
 * and normalises the index on every call, and grows through an exception handler; two recordings per
 * request (wait and latency) were about a tenth of a continuous replay. And a summary's five figures are four scans
 * of the histogram's whole counts array (about 22 000 entries for values up to two seconds) plus that array, which
 * together were about half of a short run's time in a sweep, where nothing else reads the histogram.
 *
 * <p>Why the figures and the histogram are exact: counts, total and the counts array's final length (it grows to
 * cover the largest value recorded, whatever the order) depend only on how many values fell in each bucket. The
 * minimum and maximum, which the histogram keeps as exact values, are kept exactly here and passed on: the
 * smallest non-zero value stands for its bucket, and the largest is recorded with a count of 0, which
 * updates the histogram's maximum (and sizes it) and nothing else. The figures repeat HdrHistogram 2.2.2's
 * arithmetic on the same buckets in the same order ({@code BucketCountsTest} compares them with the library's).
 */
final class BucketCounts {
    /** Sub-buckets per half bucket for 3 significant digits: 2 * 10^3 rounded up to 2048, halved. */
    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF_COUNT = 1 << HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = 2L * HALF_COUNT - 1;
    /** 64 - unit magnitude (0: 1 ns) - half magnitude - 1, as HdrHistogram computes it. */
    private static final int LEADING_ZERO_COUNT_BASE = 64 - HALF_MAGNITUDE - 1;
    /** Counts per chunk: an eighth of a half bucket, so the sparse low octaves of a latency cost little. */
    private static final int CHUNK_BITS = 7;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /**
     * Every count so far, at HdrHistogram's index of each value (unit 1, no normalising offset), in
     * chunks of an eighth of a half bucket ({@code chunks[i >> 7][i & 127]}), each allocated when a value first
     * falls in it: a wider range costs a new chunk, never a copy of the counts so far, so a run allocates
     * only the chunks its values touch.
     */
    private long[][] chunks = new long[2 * HALF_COUNT >> CHUNK_BITS][];
    private long total;
    private long max = -1;
    /** The smallest positive value recorded; 0 while there is none (every value may be recorded, Long.MAX_VALUE too). */
    private long minNonZero;

    /** Counts one value, {@code >= 0}. */
    void record(long value) {
        int i = index(value);
        int chunk = i >>> CHUNK_BITS;
        long[] c = chunk < chunks.length ? chunks[chunk] : null;
        if (c == null) {
            c = newChunk(chunk);
        }
        c[i & (CHUNK - 1)]++;
        total++;
        if (value > max) {
            max = value;
        }
        if (value != 0 && (minNonZero == 0 || value < minNonZero)) {
            minNonZero = value;
        }
    }

    /** How many values were recorded. */
    long count() {
        return total;
    }

    /**
     * The summary's figures of every value so far, as a {@code Histogram(3)} holding them would give them. The
     * percentiles' target counts are the library's ({@code ceil(nextDown(p) * total / 100)}, at least 1), and its
     * mean sums {@code (double) midpoint * (double) count} bucket by bucket in index order, as here.
     */
    HistogramFigures figures() {
        if (total == 0) {
            return HistogramFigures.EMPTY;
        }
        long t50 = targetCount(50.0);
        long t90 = targetCount(90.0);
        long t99 = targetCount(99.0);
        long p50 = -1;
        long p90 = -1;
        long p99 = -1;
        long zeros = chunks[0] == null ? 0 : chunks[0][0];
        long cumulative = 0;
        double sum = 0;
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            long[] c = chunks[chunk];
            if (c == null) {
                continue;
            }
            // the width of every bucket of this chunk: a chunk lies within one half bucket
            long size = 1L << Math.max(0, (chunk >> (HALF_MAGNITUDE - CHUNK_BITS)) - 1);
            for (int j = 0; j < CHUNK; j++) {
                long n = c[j];
                if (n == 0) {
                    continue;
                }
                long lowest = lowestValueAt((chunk << CHUNK_BITS) + j);
                sum += (double) (lowest + (size >> 1)) * (double) n;
                cumulative += n;
                // A percentile is the top of the first bucket whose cumulative count reaches its target.
                if (p50 < 0 && cumulative >= t50) {
                    p50 = lowest + size - 1;
                }
                if (p90 < 0 && cumulative >= t90) {
                    p90 = lowest + size - 1;
                }
                if (p99 < 0 && cumulative >= t99) {
                    p99 = lowest + size - 1;
                }
            }
        }
        return new HistogramFigures(total, zeros, sum * 1.0 / total, p50, p90, p99, highestEquivalent(max));
    }

    /** HdrHistogram's count at a percentile: the requested share of the total, rounded up, at least one value. */
    private long targetCount(double percentile) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return Math.max((long) Math.ceil(requested * total / 100.0), 1);
    }

    /** {@code getMaxValue()}'s rounding: 0 stays 0, anything else goes to the top of its bucket. */
    private static long highestEquivalent(long value) {
        if (value == 0) {
            return 0;
        }
        int i = index(value);
        return lowestValueAt(i) + (1L << Math.max(0, (i >> HALF_MAGNITUDE) - 1)) - 1;
    }

    /**
     * A new histogram holding every value recorded so far: what recording each value into a {@code Histogram(3)}
     * would have made. Built on each call (a report asks once); recording afterwards does not change it.
     */
    Histogram histogram() {
        Histogram histogram = new Histogram(3);
        // The maximum first, with a count of 0: the histogram grows once to its final size (instead of once
        // per larger bucket) and takes the exact maximum; the exact minimum stands for its own bucket.
        if (max >= 0) {
            histogram.recordValueWithCount(max, 0);
        }
        int minIndex = minNonZero == 0 ? -1 : index(minNonZero);
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            long[] c = chunks[chunk];
            if (c == null) {
                continue;
            }
            for (int j = 0; j < CHUNK; j++) {
                long n = c[j];
                if (n != 0) {
                    int i = (chunk << CHUNK_BITS) + j;
                    histogram.recordValueWithCount(i == minIndex ? minNonZero : lowestValueAt(i), n);
                }
            }
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
        long[] c = new long[CHUNK];
        chunks[chunk] = c;
        return c;
    }
}
