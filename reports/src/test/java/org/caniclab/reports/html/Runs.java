package org.caniclab.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.caniclab.reports.ExpectationResult;
import org.caniclab.reports.LatencySummary;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.WaitSummary;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;

/** Hand-built runs for the page tests: every figure a page shows comes from here. */
final class Runs {

    static final long SECOND = 1_000_000_000L;
    /** A pool name that must be escaped everywhere it appears. */
    static final String AWKWARD = "b<&>\"'</script>";

    private Runs() {}

    /**
     * Three pools: {@code api} with {@code apiRows} samples, one per second, a hub-level bootstrap, creations and
     * autoscaler decisions; {@link #AWKWARD} with a few samples and an empty histogram; {@code idle} with a
     * summary but no sample at all.
     */
    static RunResult threePools(int apiRows) {
        List<TimelineRow> rows = new ArrayList<>();
        for (int i = 1; i <= apiRows; i++) {
            int workers = Math.min(4, 1 + i / 10);
            rows.add(new TimelineRow(i * SECOND, "api", workers, i % 7 == 0 ? 1 : 0, i % 5 == 0 ? 1 : 0,
                    (i * 37) % 50, ((i * 13) % 100) / 100.0, 50 + (i * 7) % 30, i < 5 ? 3 : 0));
        }
        for (int i = 1; i <= 4; i++) {
            rows.add(new TimelineRow(i * 2 * SECOND, AWKWARD, 1, 0, 0, i, 0.5, 10, 0));
        }
        List<OrchestrationEvent> events = List.of(
                new OrchestrationEvent(0, "", "bootstrap", "started", ""),
                new OrchestrationEvent(SECOND / 2, "", "bootstrap", "completed", ""),
                new OrchestrationEvent(SECOND, "api", "create_worker", "started", ""),
                new OrchestrationEvent(3 * SECOND, "api", "create_worker", "completed", "rrkah-fqaaa-aaaaa-aaaaq-cai"),
                new OrchestrationEvent(4 * SECOND, "api", "autoscale", "scale_up", "target 0.7"),
                new OrchestrationEvent(5 * SECOND, "api", "autoscale", "hold", ""),
                new OrchestrationEvent(6 * SECOND, "api", "create_worker", "failed", "reject: \"subnet full\" <x>"),
                new OrchestrationEvent(7 * SECOND, AWKWARD, "create_worker", "skipped", "at_max_workers"));
        Histogram api = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            api.recordValue(i * 1_000_000L);
        }
        TreeMap<String, Histogram> histograms = new TreeMap<>();
        histograms.put("api", api);
        histograms.put(AWKWARD, new Histogram(3));
        double seconds = Math.max(apiRows, 8);
        return new RunResult(new RunHeader("three-pools", 7, "sim", "reserved", seconds, 99_999),
                List.of(new PoolSummary("api", 1, 4, 4, 4, 0, 5, 4, 1, 0, 4_000_000_000_000L,
                                new RequestStats(1000, 1000, 0, LatencySummary.fromHistogram(api), 12.5,
                                new WaitSummary(0.4, 400, 0.0, 20.0, 40.0, 50.0), 0.61)),
                        new PoolSummary(AWKWARD, 1, 1, 1, 2, 1, 1, 1, 0, 0, 0, RequestStats.NONE),
                        new PoolSummary("idle", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, RequestStats.NONE)),
                List.of(new MetricCount("create_worker", "started", "ok", 5)),
                rows, events, histograms,
                List.of(new ExpectationResult("pools.api.overshoot_peak == 0", "pools.api.overshoot_peak", "==", "0", "0", true),
                        new ExpectationResult("pools.b.overshoot_peak == 0", "pools.b.overshoot_peak", "==", "0", "1", false)));
    }
}
