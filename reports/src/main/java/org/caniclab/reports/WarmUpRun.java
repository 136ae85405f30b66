package org.caniclab.reports;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The small run {@link RunReportWriter#warmUp} renders: two pools (one with request statistics and batch means,
 * one idle), a few timeline rows, an autoscaler event and a failed creation, two metric rows and a latency
 * histogram, so that every section of every file is drawn once.
 */
final class WarmUpRun {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private WarmUpRun() {}

    static RunResult result() {
        Histogram latency = new Histogram(3);
        for (long v = 1; v <= 64; v++) {
            latency.recordValue(v * v * 10_000L);
        }
        RequestStats requests = new RequestStats(64, 63, 1,
                LatencySummary.fromHistogram(latency),
                0.5, new WaitSummary(0.25, 10, 0.0, 1.5, 2.25, 3.0), 0.42,
                Optional.of(new BatchMeans(4, List.of(0.4, 0.5, 0.6, 0.5), List.of(1.1, 1.2, 1.3, 1.2))));
        PoolSummary api = new PoolSummary("api", 1, 4, 2, 3, PoolSummary.overshoot(3, 4), 2, 2, 0, 0, 2 * S,
                requests);
        PoolSummary idle = new PoolSummary("idle", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, RequestStats.NONE);
        TreeMap<String, Histogram> histograms = new TreeMap<>();
        histograms.put("api", latency);
        return new RunResult(new RunHeader("warm-up", 1, "sim", "reserved", 3, 200, 1),
                List.of(api, idle),
                List.of(new MetricCount("create_worker", "started", "", 2),
                        new MetricCount("create_worker", "skipped", "at_max_workers", 1)),
                List.of(new TimelineRow(S, "api", 1, 1, 1, 3, 0.5, 20, 0),
                        new TimelineRow(S, "idle", 0, 0, 0, 0, 0.0, 0, 0),
                        new TimelineRow(2 * S, "api", 2, 0, 0, 1, 0.75, 24, 1),
                        new TimelineRow(2 * S, "idle", 0, 0, 0, 0, 0.0, 0, 0),
                        new TimelineRow(3 * S, "api", 2, 0, 0, 0, 0.25, 20, 0),
                        new TimelineRow(3 * S, "idle", 0, 0, 0, 0, 0.0, 0, 0)),
                List.of(new OrchestrationEvent(0, "api", "bootstrap", "completed", ""),
                        new OrchestrationEvent(S, "api", "autoscale", "create", "",
                                Optional.of(new OrchestrationEvent.Autoscale(2, 1, 1, 20, 1))),
                        new OrchestrationEvent(2 * S, "api", "create_worker", "failed", "reject: \"full\"")),
                histograms, List.of());
    }
}
