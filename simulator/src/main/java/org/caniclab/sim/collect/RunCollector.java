package org.caniclab.sim.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.driver.HubEvent;
import org.caniclab.core.driver.HubListener;
import org.caniclab.core.metrics.MetricRow;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.reports.BatchMeans;
import org.caniclab.reports.LatencySummary;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SpillFiles;
import org.caniclab.reports.SpooledRows;
import org.caniclab.reports.Timeline;
import org.caniclab.reports.TimelineRow;
import org.caniclab.reports.WaitSummary;
import org.caniclab.sim.load.HistogramFigures;
import org.caniclab.sim.load.PoolStats;

/**
 * The one place where what a run observed becomes report records: orchestration events as the hub's listener,
 * timeline samples as the run takes them, and at the end the per-pool summaries and Canic's metric rows. Every
 * substrate (the simulator, the network replays) feeds one, so a new report field is added here and in
 * {@code reports}, nowhere else.
 *
 * <pre>{@code
 * RunCollector c = new RunCollector(start);           // events are timed relative to start
 * HubDriver hub = HubDriver.builder(port).listener(c).build();
 * ...
 * c.sample(t, "api", workers, reserved, inFlight, queueDepth, utilization, arrivals, rejections);
 * RunResult r = c.result(header, pools, hub.workflow().metrics(), histograms);
 * }</pre>
 */
public final class RunCollector implements HubListener, AutoCloseable {
    private final long origin;
    private final SpooledRows<OrchestrationEvent> events;
    private final Timeline timeline;

    /** @param origin the clock value events are timed from (0 on the simulator; the instance clock at start) */
    public RunCollector(long origin) {
        this(origin, SpillFiles.temporary());
    }

    /**
     * @param origin the clock value events are timed from
     * @param spill where the timeline's and the events' rows past their memory bound go
     */
    public RunCollector(long origin, SpillFiles spill) {
        this.origin = origin;
        this.events = SpooledRows.events(spill);
        this.timeline = Timeline.recording(spill);
    }

    /** Deletes what was spilled, for a run that ends without a result; after {@link #result} the result owns it. */
    @Override
    public void close() {
        timeline.discard();
        events.close();
    }

    @Override
    public void event(HubEvent e) {
        events.append(new OrchestrationEvent(Math.max(0, e.timeNanos() - origin), e.pool(), e.call(), e.outcome(),
                e.detail()));
    }

    /** An autoscaler's decision, as an {@code autoscale} event whose figures are columns. */
    public void autoscale(long timeNanos, String pool, String outcome, OrchestrationEvent.Autoscale figures) {
        events.append(new OrchestrationEvent(Math.max(0, timeNanos - origin), pool, "autoscale", outcome, "",
                Optional.of(figures)));
    }

    /** One timeline row: a pool's state at {@code timeNanos} and what happened over the interval before it. */
    public void sample(long timeNanos, String pool, int workers, int reserved, long inFlight, int queueDepth,
            double utilization, long arrivals, long rejections) {
        timeline.append(new TimelineRow(timeNanos, pool, workers, reserved, (int) inFlight, queueDepth, utilization,
                arrivals, rejections));
    }

    /**
     * What one pool showed over the run, as the collector needs it for its summary.
     *
     * @param requests the serving side's statistics; empty on a substrate that serves no load
     */
    public record PoolOutcome(String name, int minWorkers, int maxWorkers, int workersFinal, int workersPeak,
            long orphans, long cyclesSpent, Optional<PoolStats> requests) {}

    /** The report's request statistics of a pool: milliseconds, and the latency histogram summarised. */
    static RequestStats requestStats(Optional<PoolStats> stats) {
        if (stats.isEmpty()) {
            return RequestStats.NONE;
        }
        PoolStats s = stats.get();
        Optional<BatchMeans> batches = s.batches().map(b -> new BatchMeans(b.waitSumNanos().length,
                PoolStats.Batches.means(b.waitSumNanos(), b.waitCount(), 1_000_000.0),
                PoolStats.Batches.means(b.latencySumNanos(), b.latencyCount(), 1_000_000.0)));
        HistogramFigures l = s.latency();
        HistogramFigures w = s.waits();
        return new RequestStats(s.arrived(), s.completed(), s.rejected(),
                LatencySummary.ofNanos(l.count(), l.mean(), l.p50(), l.p90(), l.p99(), l.max()),
                s.meanWaitNanos() / 1_000_000.0,
                WaitSummary.ofNanos(w.count(), s.waited(), w.p50(), w.p90(), w.p99(), w.max()),
                s.utilization(), batches);
    }

    /** A pool's outcome with the hub's create counters. */
    public static PoolSummary summary(PoolOutcome p, HubDriver hub) {
        return new PoolSummary(p.name(), p.minWorkers(), p.maxWorkers(), p.workersFinal(), p.workersPeak(),
                PoolSummary.overshoot(p.workersPeak(), p.maxWorkers()), hub.createsStarted(p.name()),
                hub.createsCompleted(p.name()), hub.createsFailed(p.name()), p.orphans(), p.cyclesSpent(),
                requestStats(p.requests()));
    }

    /**
     * The run's result: the header, the pools in scenario order, the workflow's metric rows, every event and sample
     * (spooled: the result owns the spill files from here, and closing it deletes them).
     */
    public RunResult result(RunHeader header, List<PoolOutcome> pools, HubDriver hub,
            SortedMap<String, Histogram> histograms) {
        List<PoolSummary> summaries = new ArrayList<>();
        for (PoolOutcome p : pools) {
            summaries.add(summary(p, hub));
        }
        return new RunResult(header, summaries, metricRows(hub.workflow().metrics()), timeline, events,
                new TreeMap<>(histograms), List.of());
    }

    /** Canic's metric rows as the report lists them. */
    static List<MetricCount> metricRows(ScalingMetrics metrics) {
        List<MetricCount> rows = new ArrayList<>();
        for (MetricRow row : metrics.snapshot()) {
            rows.add(new MetricCount(row.operation().label(), row.outcome().label(), row.reason().label(),
                    row.count()));
        }
        return rows;
    }
}
