package org.caniclab.reports;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * MSER-5 (White 1997; Franklin and White 2008): the warm-up to delete from an output series. The series is cut into
 * batches of 5 consecutive samples (a remainder at the end is left out); for each d from 0 to half the batches, the
 * standard error of the mean of the batch means after the first d, {@code Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²}; the
 * suggested truncation is the first d that minimises it, i.e. 5·d samples. Applied here to each pool's queue depth of
 * the timeline; the run's suggestion is the latest over its pools.
 *
 * <pre>{@code
 * int samples = Mser.truncation(queueDepths);   // delete the first `samples` samples (the reference computation)
 * double warmupSeconds = Mser.suggestedWarmupSeconds(result);
 * }</pre>
 */
public final class Mser {
    /** Samples per batch. */
    public static final int BATCH = 5;

    private Mser() {}

    /** How many leading samples of {@code xs} MSER-5 deletes: a multiple of 5; 0 for fewer than 2 batches. */
    public static int truncation(double[] xs) {
        int m = xs.length / BATCH;
        if (m < 2) {
            return 0;
        }
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < BATCH; i++) {
                s += xs[j * BATCH + i];
            }
            z[j] = s / BATCH;
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= m / 2; d++) {
            double sum = 0;
            for (int j = d; j < m; j++) {
                sum += z[j];
            }
            double mean = sum / (m - d);
            double ss = 0;
            for (int j = d; j < m; j++) {
                ss += (z[j] - mean) * (z[j] - mean);
            }
            double value = ss / ((double) (m - d) * (m - d));
            if (value < bestValue) {
                bestValue = value;
                best = d;
            }
        }
        return best * BATCH;
    }

    /**
     * The latest over the run's pools of the time of the first sample MSER-5 keeps of the pool's queue depth, in
     * seconds; 0 when nothing is to be deleted (or the timeline is too short to say).
     */
    public static double suggestedWarmupSeconds(RunResult result) {
        long latest = 0;
        for (PoolSummary p : result.pools()) {
            OptionalLong cut = result.timeline().warmupCutNanos(p.name());
            if (cut.isPresent()) {
                latest = Math.max(latest, cut.getAsLong());
            }
        }
        return latest / 1e9;
    }

    /**
     * MSER-5 over batches given as {@code {sum of 5 samples, time of the batch's first sample}} (integer samples, as
     * queue depths are): the time of the first batch kept, empty when none is deleted or there are fewer than two
     * batches. The same rule as {@link #truncation}, computed exactly and in one pass after the totals — for batch
     * sums {@code s_j}, {@code n = m - d} batches kept, {@code S} and {@code Q} the sums of {@code s_j} and
     * {@code s_j²} over them, the statistic is {@code (n·Q − S²) / (25·n³)} — so a run of millions of samples takes
     * a fraction of a second (the reference is quadratic) and reads its batches twice, in memory or spilled.
     */
    static OptionalLong cutTime(Iterable<long[]> batches) {
        long m = 0;
        BigInteger total = BigInteger.ZERO;
        BigInteger totalSquares = BigInteger.ZERO;
        for (long[] b : batches) {
            m++;
            BigInteger s = BigInteger.valueOf(b[0]);
            total = total.add(s);
            totalSquares = totalSquares.add(s.multiply(s));
        }
        if (m < 2) {
            return OptionalLong.empty();
        }
        long best = 0;
        long bestTime = 0;
        BigInteger bestA = null;
        BigInteger bestCube = null;
        BigInteger prefix = BigInteger.ZERO;
        BigInteger prefixSquares = BigInteger.ZERO;
        long d = 0;
        for (long[] b : batches) {
            if (d > m / 2) {
                continue; // read to the end, which closes the spill file's reader
            }
            BigInteger n = BigInteger.valueOf(m - d);
            BigInteger sum = total.subtract(prefix);
            BigInteger a = n.multiply(totalSquares.subtract(prefixSquares)).subtract(sum.multiply(sum));
            BigInteger cube = n.multiply(n).multiply(n);
            // a / cube < bestA / bestCube, both denominators positive: strictly smaller, so the first d wins ties.
            if (bestA == null || a.multiply(bestCube).compareTo(bestA.multiply(cube)) < 0) {
                bestA = a;
                bestCube = cube;
                best = d;
                bestTime = b[1];
            }
            BigInteger s = BigInteger.valueOf(b[0]);
            prefix = prefix.add(s);
            prefixSquares = prefixSquares.add(s.multiply(s));
            d++;
        }
        return best == 0 ? OptionalLong.empty() : OptionalLong.of(bestTime);
    }
}
