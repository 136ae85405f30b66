package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * summary.txt and index.html show each pool's batch-means intervals with the verdict replay's warning uses:
     * 1, 2, 3, 4 (half-width 82 % of the mean) must be lengthened about 67.5x, a tight series is ok.
     */
    @Test
    void summaryAndPageShowTheBatchMeansAndTheirVerdict() {
        RunResult base = Fixtures.smallRun();
        PoolSummary web = base.pools().stream().filter(p -> p.name().equals("web")).findFirst().orElseThrow();
        PoolSummary api = base.pools().stream().filter(p -> p.name().equals("api")).findFirst().orElseThrow();
        RequestStats r = api.requests();
        BatchMeans batches = new BatchMeans(4, List.of(1.0, 2.0, 3.0, 4.0), List.of(10.0, 10.1, 9.9, 10.0));
        PoolSummary withBatches = new PoolSummary(api.name(), api.minWorkers(), api.maxWorkers(), api.workersFinal(),
                api.workersPeak(), api.overshootPeak(), api.createsStarted(), api.createsCompleted(),
                api.createsFailed(), api.createsOrphaned(), api.cyclesSpent(),
                new RequestStats(r.arrived(), r.completed(), r.rejected(), r.latencyMs(), r.waitMsMean(), r.waits(),
                        r.utilizationMean(), java.util.Optional.of(batches)));
        RunResult run = new RunResult(base.header(), List.of(web, withBatches), base.metrics(),
                base.timeline(), base.events(), base.latencyHistograms(), base.expectations());

        String text = RunReportWriter.summaryText(run);
        assertTrue(text.contains("""
                batch means (95 % intervals)
                pool  figure      batches    mean  95% lo  95% hi    ±%  lag-1  run length
                api   wait ms           4   2.500   0.446   4.554  82.2   0.25  lengthen ~67.6x
                api   latency ms        4  10.000   9.870  10.130   1.3  -0.50  ok
                """), text);
        String page = org.caniclab.reports.html.RunPage.render(run, org.caniclab.reports.html.RunPage.Description.NONE);
        assertTrue(page.contains("<td class=\"bad\">lengthen ~67.6x</td>"), "the page marks the short estimate");
        assertTrue(page.contains("<td class=\"good\">ok</td>"), "and the long-enough one");
        // The suggested warm-up is on the page and in the summary for every run, batches or not.
        assertTrue(page.contains("MSER-5 on the sampled queue depth suggests 0 s"), "warm-up line");
        assertTrue(RunReportWriter.summaryText(base).contains("warm-up            0s (MSER-5 suggests 0s)\n"));
        assertFalse(RunReportWriter.summaryText(base).contains("batch means"), "no table without run.batches");
    }
}
