package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelTest {

    @Test
    void summarisesHistogramInMilliseconds() {
        Histogram nanos = new Histogram(3);
        for (long ms = 1; ms <= 100; ms++) {
            nanos.recordValue(ms * 1_000_000L);
        }

        LatencySummary s = LatencySummary.fromHistogram(nanos);

        // Three significant digits: each figure is within 0.1% of the exact value.
        assertEquals(50.5, s.mean(), 0.05);
        assertEquals(50.0, s.p50(), 0.05);
        assertEquals(90.0, s.p90(), 0.09);
        assertEquals(99.0, s.p99(), 0.1);
        assertEquals(100.0, s.max(), 0.1);
    }

    @Test
    void summarisesEmptyHistogramAsNoFigureNotZero() {
        LatencySummary none = LatencySummary.fromHistogram(new Histogram(3));
        assertEquals(LatencySummary.NONE, none);
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.p99()) && Double.isNaN(none.max()));
    }

    @Test
    void summarisesWaitsWithTheShareThatWaited() {
        Histogram waits = new Histogram(3);
        for (int i = 0; i < 70; i++) {
            waits.recordValue(0);
        }
        for (long ms = 1; ms <= 30; ms++) {
            waits.recordValue(ms * 1_000_000L);
        }
        WaitSummary w = WaitSummary.fromHistogram(waits, 30);
        assertEquals(0.3, w.pWait(), 1e-12);
        assertEquals(30, w.waited());
        assertEquals(0.0, w.p50(), 1e-12);
        assertEquals(20.0, w.p90(), 0.05);
        assertEquals(30.0, w.max(), 0.05);
        assertEquals(WaitSummary.NONE, WaitSummary.fromHistogram(new Histogram(3), 0));
    }

    @ParameterizedTest
    @CsvSource({
            "5, 4, 1",    // above the limit
            "4, 4, 0",    // at the limit
            "2, 4, 0",    // below the limit
            "9, 0, 0",    // unbounded pool
            "3, -1, 0"})  // nonsensical limit counts as unbounded
    void computesOvershootOnlyAboveAPositiveLimit(int peak, int max, int overshoot) {
        assertEquals(overshoot, PoolSummary.overshoot(peak, max));
    }

    @Test
    void rejectsDuplicatePoolNames() {
        PoolSummary a = new PoolSummary("a", 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, RequestStats.NONE);
        RunHeader header = new RunHeader("s", 1, "sim", "reserved", 0, 0);

        assertThrows(IllegalArgumentException.class, () -> new RunResult(header, List.of(a, a), List.of(),
                List.of(), List.of(), new TreeMap<>(), List.of()));
    }

    @Test
    void ordersPoolsByNameAndTimelineByTimeThenPool() {
        RunResult run = Fixtures.smallRun();

        assertEquals(List.of("api", "web"), run.pools().stream().map(PoolSummary::name).toList());
        assertEquals(List.of("api@500000000", "api@1000000000", "web@1000000000"),
                run.timeline().stream().map(r -> r.pool() + "@" + r.timeNanos()).toList());
        assertEquals("bootstrap", run.events().toList().get(0).call());
    }
}
