package org.caniclab.sim.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.caniclab.reports.LatencySummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.sim.load.HistogramFigures;
import org.caniclab.sim.load.LibraryFigures;
import org.caniclab.sim.load.PoolStats;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The collector's one mapping from the simulator's statistics to the report's records. */
class RunCollectorTest {

    @Test
    void poolStatisticsMapToTheReportRecordInMilliseconds() {
        Histogram h = new Histogram(3);
        h.recordValue(2_000_000);
        h.recordValue(4_000_000);
        Histogram w = new Histogram(3);
        w.recordValue(0);
        w.recordValue(3_000_000);
        RequestStats r = RunCollector.requestStats(Optional.of(new PoolStats(10, 2, 3, 1, 1_500_000, 1, 0.25,
                LibraryFigures.of(h), LibraryFigures.of(w))));
        assertEquals(10, r.arrived());
        assertEquals(2, r.completed());
        assertEquals(3, r.rejected());
        assertEquals(1.5, r.waitMsMean(), 1e-12);
        assertEquals(0.25, r.utilizationMean());
        assertEquals(3.0, r.latencyMs().mean(), 0.01);
        assertEquals(4.0, r.latencyMs().max(), 0.01);
        assertEquals(0.5, r.waits().pWait(), 1e-12);
        assertEquals(1, r.waits().waited());
        assertEquals(3.0, r.waits().max(), 0.01);
        assertEquals(0.0, r.waits().p50(), 0.01);
    }

    @Test
    void aPoolThatServedNothingReportsNoLatencyNorWait() {
        RequestStats r = RunCollector.requestStats(Optional.of(new PoolStats(0, 0, 0, 0, Double.NaN, 0, 0,
                HistogramFigures.EMPTY, HistogramFigures.EMPTY)));
        assertTrue(Double.isNaN(r.latencyMs().p99()));
        assertTrue(Double.isNaN(r.waitMsMean()));
        assertTrue(Double.isNaN(r.waits().pWait()));
        assertEquals(LatencySummary.NONE, r.latencyMs());
        assertEquals(RequestStats.NONE, r);
    }

    @Test
    void aSubstrateThatServesNoLoadReportsNoRequests() {
        assertEquals(RequestStats.NONE, RunCollector.requestStats(Optional.empty()));
    }

    @Test
    void eventsAreTimedFromTheCollectorsOrigin() {
        RunCollector c = new RunCollector(1_000);
        c.event(new org.caniclab.core.driver.HubEvent(3_500, "api", "create_worker", "started", "via scheduled"));
        c.event(new org.caniclab.core.driver.HubEvent(500, "", "bootstrap", "started", ""));
        var r = c.result(new org.caniclab.reports.RunHeader("s", 1, "sim", "seed-0.33.3", 0, 0), java.util.List.of(),
                org.caniclab.core.driver.HubDriver.builder(new org.caniclab.core.verify.ControlledIcRuntime()).build(),
                new java.util.TreeMap<>());
        assertEquals(2_500, r.events().toList().get(0).timeNanos());
        assertEquals(0, r.events().toList().get(1).timeNanos(), "never before the origin");
    }
}
