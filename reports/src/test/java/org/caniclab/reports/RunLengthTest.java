package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MSER-5's truncation point and the batch-means estimate, on series whose answers are known. */
class RunLengthTest {
    @Test
    void mserDeletesALevelShiftAtTheStart() {
        double[] xs = new double[250];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i < 50 ? 100 : (i % 2);   // a transient of 50 samples, then a stationary 0/1 alternation
        }
        assertEquals(50, Mser.truncation(xs));
    }

    @Test
    void mserDeletesNothingFromAConstantOrTooShortSeries() {
        assertEquals(0, Mser.truncation(new double[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}));
        assertEquals(0, Mser.truncation(new double[] {100, 0, 0, 0, 0, 0, 0, 0, 0}), "fewer than 2 batches of 5");
    }

    @Test
    void mserLooksAtTheFirstHalfOnly() {
        double[] xs = new double[100];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i < 80 ? 50 : 0;          // "transient" past the half: MSER may not cut more than half the batches
        }
        assertTrue(Mser.truncation(xs) <= 50, "cut " + Mser.truncation(xs));
    }

    @Test
    void batchMeansEstimateIsTheStudentTIntervalAndTheLag1Correlation() {
        // 1, 2, 3, 4: mean 2.5, sd √(5/3), half-width t(0.975, 3) = 3.182446 · √(5/3) / 2 = 2.054260;
        // lag-1: Σ(x_i − m)(x_{i−1} − m) / Σ(x_i − m)² = ((−0.5)(−1.5) + (0.5)(−0.5) + (1.5)(0.5)) / 5 = 0.25.
        BatchMeans.Estimate e = new BatchMeans(4, List.of(1.0, 2.0, 3.0, 4.0), List.of()).waitEstimate();
        assertEquals(4, e.n());
        assertEquals(2.5, e.mean(), 1e-12);
        assertEquals(2.054260, e.halfWidth(), 1e-6);
        assertEquals(0.25, e.lag1(), 1e-12);
        assertEquals(2.054260 / 2.5, e.relativeHalfWidth(), 1e-6);
        // (0.8217 / 0.1)² = 67.5; lag-1 0.25 / 0.2 = 1.25: the half-width decides.
        assertEquals(Math.pow(2.054260 / 2.5 / 0.1, 2), e.lengthenFactor(), 1e-3);
        assertTrue(Double.isNaN(new BatchMeans(4, List.of(), List.of()).latencyEstimate().mean()));
    }
}
