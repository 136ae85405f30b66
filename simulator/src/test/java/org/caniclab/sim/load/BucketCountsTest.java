package org.caniclab.sim.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BucketCountsTest {

    /** Everything a report or a comparison can read from a histogram, as one string. */
    private static String observable(Histogram h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.outputPercentileDistribution(new PrintStream(out, true, StandardCharsets.UTF_8), 5, 1.0);
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoByteBuffer(buf);
        byte[] encoded = new byte[n];
        buf.flip();
        buf.get(encoded);
        return out.toString(StandardCharsets.UTF_8) + "|total=" + h.getTotalCount() + "|max=" + h.getMaxValue()
                + "|min=" + h.getMinValue() + "|minNonZero=" + h.getMinNonZeroValue() + "|mean=" + h.getMean()
                + "|sd=" + h.getStdDeviation() + "|highest=" + h.getHighestTrackableValue() + "|encoded="
                + java.util.Arrays.toString(encoded);
    }

    /** Values spread over many orders of magnitude, zeros included, in a seeded random order. */
    private static long[] values(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(10);
            v[i] = kind == 0 ? 0 : kind == 1 ? rng.nextLong(2048) : (long) Math.exp(rng.nextDouble() * 40);
        }
        return v;
    }

    @Test
    void leavesTheHistogramAsRecordingEachValueWould() {
        for (long seed = 1; seed <= 20; seed++) {
            long[] v = values(seed, 5_000);
            Histogram direct = new Histogram(3);
            BucketCounts counts = new BucketCounts();
            for (long x : v) {
                direct.recordValue(x);
                counts.record(x);
            }
            Histogram batched = counts.histogram();
            assertEquals(direct, batched, "seed " + seed);
            assertEquals(observable(direct), observable(batched), "seed " + seed);
        }
    }

    @Test
    void readsInBetweenSeeEverythingSoFarAndChangeNothing() {
        long[] v = values(7, 3_000);
        Histogram direct = new Histogram(3);
        BucketCounts counts = new BucketCounts();
        for (int i = 0; i < v.length; i++) {
            direct.recordValue(v[i]);
            counts.record(v[i]);
            if (i % 997 == 0) {
                assertEquals(observable(direct), observable(counts.histogram()), "after value " + i);
            }
        }
        assertEquals(observable(direct), observable(counts.histogram()));
    }

    @Test
    void keepsExactExtremesWhereTheirBucketsHoldOtherValues() {
        // 1 000 001 and 1 000 999 share a bucket (1 024 ns wide there), as do 3 000 000 and 3 001 000.
        Histogram direct = new Histogram(3);
        BucketCounts counts = new BucketCounts();
        for (long x : new long[] {1_000_999, 3_000_000, 1_000_001, 3_001_000}) {
            direct.recordValue(x);
            counts.record(x);
        }
        assertEquals(observable(direct), observable(counts.histogram()));
        assertEquals(direct.getMaxValue(), counts.histogram().getMaxValue());
    }

    @Test
    void indexAndLowestValueAreHdrHistogramsOwn() {
        Histogram h = new Histogram(3);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long x = i < 5_000 ? i : (long) Math.exp(rng.nextDouble() * 43);
            int index = BucketCounts.index(x);
            assertEquals(h.lowestEquivalentValue(x), BucketCounts.lowestValueAt(index), "value " + x);
            assertEquals(BucketCounts.index(h.lowestEquivalentValue(x)), index, "value " + x);
            assertEquals(BucketCounts.index(h.highestEquivalentValue(x)), index, "value " + x);
            assertEquals(index + 1, BucketCounts.index(h.nextNonEquivalentValue(x)), "value " + x);
        }
    }

    @Test
    void figuresAreTheLibrarysAnswersOverManyShapesAndSizes() {
        // Sizes 1 to 200 exhaustively (where a percentile's target count lands exactly on a value: 10 values and
        // the 90th, 100 and the 99th) and larger ones at random; shapes from one bucket to 40 octaves.
        int cases = 0;
        for (long seed = 1; seed <= 600; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = seed <= 200 ? (int) seed : rng.nextInt(1, 20_000);
            int shape = (int) (seed % 5);
            Histogram direct = new Histogram(3);
            BucketCounts counts = new BucketCounts();
            for (int i = 0; i < n; i++) {
                long x = switch (shape) {
                    case 0 -> (long) Math.exp(rng.nextDouble() * 40);              // many octaves
                    case 1 -> rng.nextLong(900_000_001);                            // a round's worth of ns
                    case 2 -> 5_000_000 + rng.nextLong(4_000);                      // a handful of buckets
                    case 3 -> rng.nextInt(3) == 0 ? 0 : rng.nextLong(3_000);        // zeros and the exact buckets
                    default -> rng.nextInt(4) == 0 ? Long.MAX_VALUE / (1 + rng.nextInt(1000)) : rng.nextLong(1 << 20);
                };
                direct.recordValue(x);
                counts.record(x);
                if (i == n / 3) {
                    assertEquals(LibraryFigures.of(direct), counts.figures(), "seed " + seed + " after " + (i + 1));
                }
            }
            assertEquals(LibraryFigures.of(direct), counts.figures(), "seed " + seed + ", " + n + " values");
            assertEquals(n, counts.count(), "seed " + seed);
            cases++;
        }
        assertEquals(600, cases);
    }

    @Test
    void figuresOfNothingAndOfZerosAlone() {
        BucketCounts counts = new BucketCounts();
        assertEquals(HistogramFigures.EMPTY, counts.figures());
        counts.record(0);
        counts.record(0);
        assertEquals(new HistogramFigures(2, 2, 0.0, 0, 0, 0, 0), counts.figures());
        Histogram direct = new Histogram(3);
        direct.recordValue(0);
        direct.recordValue(0);
        assertEquals(LibraryFigures.of(direct), counts.figures());
    }

    @Test
    void figuresRoundToTheBucketsAsTheLibraryDoes() {
        // 1 000 001 ns lies in a bucket 512 ns wide (999 936 to 1 000 447): every percentile and the maximum are
        // its top, and the mean its midpoint.
        BucketCounts counts = new BucketCounts();
        counts.record(1_000_001);
        HistogramFigures f = counts.figures();
        Histogram h = new Histogram(3);
        long top = h.highestEquivalentValue(1_000_001);
        assertEquals(new HistogramFigures(1, 0, h.medianEquivalentValue(1_000_001), top, top, top, top), f);
        assertTrue(top > 1_000_001, "the top of the bucket, not the value: " + top);
    }

    @Test
    void theLargestValueAloneKeepsItsExactMinimum() {
        for (long[] values : new long[][] {{Long.MAX_VALUE}, {0, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE - 1}}) {
            Histogram direct = new Histogram(3);
            BucketCounts counts = new BucketCounts();
            for (long x : values) {
                direct.recordValue(x);
                counts.record(x);
            }
            assertEquals(observable(direct), observable(counts.histogram()), java.util.Arrays.toString(values));
            assertEquals(LibraryFigures.of(direct), counts.figures(), java.util.Arrays.toString(values));
        }
    }

    @Test
    void emptyCountsLeaveAnEmptyHistogram() {
        BucketCounts counts = new BucketCounts();
        assertEquals(observable(new Histogram(3)), observable(counts.histogram()));
        assertArrayEquals(new long[0], new long[(int) counts.histogram().getTotalCount()]);
    }

    @Test
    void refusesNegativeValuesAsTheHistogramDoes() {
        BucketCounts counts = new BucketCounts();
        assertThrows(IllegalArgumentException.class, () -> counts.record(-1));
    }
}
