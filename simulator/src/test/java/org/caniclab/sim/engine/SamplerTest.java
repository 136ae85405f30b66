package org.caniclab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.caniclab.sim.model.Distribution;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int N = 200_000;

    private static long[] draw(Distribution d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] x = new long[N];
        for (int i = 0; i < N; i++) {
            x[i] = Sampler.sample(d, rng);
        }
        return x;
    }

    @Test
    void fixedIsExact() {
        assertTrue(Arrays.stream(draw(new Distribution.Fixed(123), 1)).allMatch(v -> v == 123));
    }

    @Test
    void exponentialHasItsMeanAndVariance() {
        long seed = 11;
        long[] x = draw(new Distribution.Exponential(10_000_000), seed);
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (N - 1);
        // Standard error of the mean is mean/sqrt(N) ≈ 0.22%.
        assertEquals(10_000_000, mean, 10_000_000 * 0.01, "seed " + seed);
        assertEquals(1.0, Math.sqrt(var) / mean, 0.02, "seed " + seed);
    }

    @Test
    void uniformStaysInRangeWithItsMean() {
        long seed = 12;
        long[] x = draw(new Distribution.Uniform(100, 300), seed);
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 100 && v < 300), "seed " + seed);
        assertEquals(199.5, Arrays.stream(x).average().orElseThrow(), 1.0, "seed " + seed);
    }

    @Test
    void logNormalHasItsMedianAndMean() {
        long seed = 13;
        Distribution.LogNormal d = new Distribution.LogNormal(4_500_000_000L, 0.25);
        long[] x = draw(d, seed);
        long[] sorted = x.clone();
        Arrays.sort(sorted);
        assertEquals(4.5e9, sorted[N / 2], 4.5e9 * 0.01, "seed " + seed);
        assertEquals(d.meanNanos(), Arrays.stream(x).average().orElseThrow(), d.meanNanos() * 0.01, "seed " + seed);
    }

    /**
     * The pools' resolved exponential draw is the general one, value for value, and both round the scaled
     * variate as Math.round does, over means from 1 ns (half the draws below 0.5 ns) to hours.
     */
    @Test
    void resolvedExponentialIsTheGeneralDrawRoundedAsMathRound() {
        for (long mean : new long[] {1, 3, 1_000, 600_000, 10_000_000, 7_200_000_000_000L}) {
            SplittableRandom general = new SplittableRandom(mean);
            SplittableRandom resolved = new SplittableRandom(mean);
            SplittableRandom reference = new SplittableRandom(mean);
            for (int i = 0; i < 50_000; i++) {
                long g = Sampler.sample(new Distribution.Exponential(mean), general);
                assertEquals(g, Sampler.exponentialNanos(mean, resolved), "mean " + mean + ", draw " + i);
                double x = mean * Ziggurat.exponential(reference);
                assertEquals(x > 0 ? Math.round(x) : 0, g, "mean " + mean + ", draw " + i + ", x " + x);
            }
        }
    }
}
