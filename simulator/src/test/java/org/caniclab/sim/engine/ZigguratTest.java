package org.caniclab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat's variates against the distributions they claim, at fixed seeds: mean, variance, the
 * Kolmogorov–Smirnov distance over a million draws, and the far tail (which only the slow paths reach).
 */
class ZigguratTest {
    private static final int N = 1_000_000;
    /** The KS distance's 0.1% critical value for n draws: 1.949 / sqrt(n). */
    private static final double KS_CRITICAL = 1.949 / Math.sqrt(N);

    private static double[] draw(long seed, boolean normal) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = normal ? Ziggurat.normal(rng) : Ziggurat.exponential(rng);
        }
        return x;
    }

    private static double ks(double[] sample, DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / x.length - f, f - (double) i / x.length));
        }
        return d;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    @Test
    void tablesCloseAtTheTopOfTheDensity() {
        // The 255th layer, of area V, must end at the density's top, f = 1; a wrong r or V leaves a gap there.
        double[] x = Ziggurat.EXP_X;
        assertEquals(1.0, Ziggurat.EXP_V / x[255] + StrictMath.exp(-x[255]), 1e-12);
        assertEquals(Ziggurat.EXP_V, (Ziggurat.EXP_R + 1) * StrictMath.exp(-Ziggurat.EXP_R), 1e-15,
                "the base layer's area: r f(r) plus the tail's e^-r");
        double[] z = Ziggurat.NORM_X;
        assertEquals(1.0, Ziggurat.NORM_V / z[255] + StrictMath.exp(-0.5 * z[255] * z[255]), 1e-9);
        for (int i = 1; i < 256; i++) {
            assertTrue(x[i + 1] < x[i] && z[i + 1] < z[i], "layer widths decrease at " + i);
        }
    }

    @Test
    void exponentialHasMeanOneVarianceOneAndItsDistribution() {
        long seed = 21;
        double[] x = draw(seed, false);
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 0), "seed " + seed);
        // Standard errors: 1/sqrt(N) = 0.001 for the mean; the variance's is sqrt(8/N) ≈ 0.0028.
        assertEquals(1.0, mean(x), 0.004, "mean, seed " + seed);
        assertEquals(1.0, variance(x), 0.012, "variance, seed " + seed);
        double d = ks(x, v -> -Math.expm1(-v));
        assertTrue(d < KS_CRITICAL, "KS distance " + d + " over " + KS_CRITICAL + ", seed " + seed);
    }

    @Test
    void exponentialTailBeyondTheBaseLayerHasItsMass() {
        // Beyond r ≈ 7.7 only the tail path draws; P(X > 8) = e^-8, about 335 of a million (sd 18).
        long seed = 22;
        double[] x = draw(seed, false);
        long beyond = Arrays.stream(x).filter(v -> v > 8).count();
        assertEquals(N * Math.exp(-8), beyond, 5 * Math.sqrt(N * Math.exp(-8)), "seed " + seed);
        long beyond2 = Arrays.stream(x).filter(v -> v > 11).count();
        assertEquals(N * Math.exp(-11), beyond2, 5 * Math.sqrt(N * Math.exp(-11)) + 1, "seed " + seed);
    }

    @Test
    void normalHasMeanZeroVarianceOneAndItsDistribution() {
        long seed = 23;
        double[] x = draw(seed, true);
        assertEquals(0.0, mean(x), 0.004, "mean, seed " + seed);
        // The variance's standard error: sqrt(2/N) ≈ 0.0014.
        assertEquals(1.0, variance(x), 0.006, "variance, seed " + seed);
        NormalDistribution normal = new NormalDistribution(0, 1);
        double d = ks(x, normal::cumulativeProbability);
        assertTrue(d < KS_CRITICAL, "KS distance " + d + " over " + KS_CRITICAL + ", seed " + seed);
        // Beyond r ≈ 3.65 (the tail path) on either side: 2 Φ(-3.65) ≈ 2.6e-4 of the draws.
        double p = 2 * normal.cumulativeProbability(-3.7);
        long beyond = Arrays.stream(x).filter(v -> Math.abs(v) > 3.7).count();
        assertEquals(N * p, beyond, 5 * Math.sqrt(N * p), "seed " + seed);
    }

    @Test
    void aStreamGivesTheSameVariatesEveryTime() {
        assertTrue(Arrays.equals(draw(5, false), draw(5, false)));
        assertTrue(Arrays.equals(draw(5, true), draw(5, true)));
    }
}
