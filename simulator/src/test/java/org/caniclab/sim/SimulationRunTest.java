package org.caniclab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.caniclab.reports.LatencySummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.sim.load.PoolStats;
import org.junit.jupiter.api.Test;

class SimulationRunTest {

    @Test
    void poolStatisticsMapToTheReportRecordInMilliseconds() {
        Histogram h = new Histogram(3);
        h.recordValue(2_000_000);
        h.recordValue(4_000_000);
        RequestStats r = SimulationRun.requestStats(new PoolStats(10, 2, 3, 1, 1_500_000, 0.25, h));
        assertEquals(10, r.arrived());
        assertEquals(2, r.completed());
        assertEquals(3, r.rejected());
        assertEquals(1.5, r.waitMsMean(), 1e-12);
        assertEquals(0.25, r.utilizationMean());
        assertEquals(3.0, r.latencyMs().mean(), 0.01);
        assertEquals(4.0, r.latencyMs().max(), 0.01);
    }

    @Test
    void aPoolThatServedNothingReportsZeroLatency() {
        RequestStats r = SimulationRun.requestStats(new PoolStats(0, 0, 0, 0, 0, 0, new Histogram(3)));
        assertEquals(LatencySummary.ZERO, r.latencyMs());
        assertEquals(RequestStats.NONE, r);
    }
}
