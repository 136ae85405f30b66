package org.caniclab.reports;

import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** A small hand-built run whose every output is spelled out in the tests. */
final class Fixtures {

    private Fixtures() {}

    static final long MS = 1_000_000L;

    static RunResult smallRun() {
        PoolSummary web = new PoolSummary("web", 0, 0, 1, 1, PoolSummary.overshoot(1, 0), 1, 1, 0, 0,
                1_000_000_000_000L, RequestStats.NONE);
        PoolSummary api = new PoolSummary("api", 1, 2, 2, 3, PoolSummary.overshoot(3, 2), 3, 3, 0, 1,
                3_000_000_000_000L,
                new RequestStats(10, 9, 1, new LatencySummary(1.23456, 1.0, 2.0, 3.0, 4.0005), 0.5,
                        new WaitSummary(0.25, 2, 0.0, 1.5, 2.25, 3.0), 0.123456));
        Histogram apiLatency = new Histogram(3);
        apiLatency.recordValue(1 * MS);
        apiLatency.recordValue(2 * MS);
        apiLatency.recordValue(3 * MS);
        TreeMap<String, Histogram> histograms = new TreeMap<>();
        histograms.put("api", apiLatency);
        return new RunResult(
                new RunHeader("burst", 42, "sim", "reserved", 1.5, 1234),
                List.of(web, api),
                List.of(new MetricCount("create_worker", "started", "", 3),
                        new MetricCount("create_worker", "skipped", "at_max_workers", 1)),
                List.of(new TimelineRow(1_000_000_000L, "web", 1, 0, 0, 0, 0.0, 0, 0),
                        new TimelineRow(500_000_000L, "api", 1, 2, 2, 4, 0.25, 7, 0),
                        new TimelineRow(1_000_000_000L, "api", 3, 0, 0, 0, 1.0 / 3, 3, 1)),
                List.of(new OrchestrationEvent(0, "api", "bootstrap", "completed", ""),
                        new OrchestrationEvent(250_000_000L, "api", "create_worker", "failed",
                                "reject: \"subnet full\", retry")),
                histograms,
                List.of());
    }
}
