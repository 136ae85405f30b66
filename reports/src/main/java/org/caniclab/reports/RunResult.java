package org.caniclab.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything a run produces, independent of how it was produced: the neutral result that
 * {@link RunReportWriter} turns into files. Simulator and network substrates fill it in; this module
 * knows neither.
 *
 * <pre>{@code
 * RunResult result = new RunResult(header, pools, metrics, timeline, events, histograms, List.of());
 * ExpectationResult r = Expectation.parse("pools.api.overshoot_peak == 0")
 *         .evaluate(SummaryPaths.toJson(result));
 * RunReportWriter.write(outDir, result.withExpectations(List.of(r)), RunInfo.capture(wall, n));
 * }</pre>
 *
 * <p>The constructor fixes the orders outputs rely on, so no producer has to: pools are sorted by
 * name (names must be unique, as {@code summary.json} keys pools by name); timeline rows are in time, then pool
 * order ({@link Timeline} refuses others; the list constructor sorts them). Metrics and events keep the order given
 * (the order Canic recorded them, the order they happened). Histograms are not copied: a producer must not record
 * into them after building the result.
 *
 * <p>A long run's timeline and events are spooled ({@link Timeline}, {@link SpooledRows}): their rows past a memory
 * bound sit in spill files until the result is {@link #close() closed}, which the writer's caller does once the
 * report is written (or the run failed).
 *
 * @param header what was run
 * @param pools per-pool summaries, sorted by name
 * @param metrics Canic metric rows, in the order given
 * @param timeline pool samples, in time then pool order, with the page's chart copy and the warm-up cut
 * @param events orchestration events, in the order they happened
 * @param latencyHistograms request latency per pool name, values in nanoseconds; empty for a simulated run whose rows
 *     were discarded ({@link SpillFiles#discardingRows()}, a sweep's), which keeps only what its summary needs
 * @param expectations verdicts on the scenario's expectations; empty when none were evaluated
 */
public record RunResult(
        RunHeader header,
        List<PoolSummary> pools,
        List<MetricCount> metrics,
        Timeline timeline,
        SpooledRows<OrchestrationEvent> events,
        SortedMap<String, Histogram> latencyHistograms,
        List<ExpectationResult> expectations) implements AutoCloseable {

    public RunResult {
        Objects.requireNonNull(header, "header");
        pools = sorted(pools, Comparator.comparing(PoolSummary::name));
        for (int i = 1; i < pools.size(); i++) {
            if (pools.get(i).name().equals(pools.get(i - 1).name())) {
                throw new IllegalArgumentException("duplicate pool name: " + pools.get(i).name());
            }
        }
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(events, "events");
        latencyHistograms = Collections.unmodifiableSortedMap(new TreeMap<>(latencyHistograms));
        expectations = List.copyOf(expectations);
    }

    /**
     * A result from lists held in memory (a short run, a network replay, a test): the timeline is sorted by time,
     * then pool.
     */
    public RunResult(RunHeader header, List<PoolSummary> pools, List<MetricCount> metrics, List<TimelineRow> timeline,
            List<OrchestrationEvent> events, SortedMap<String, Histogram> latencyHistograms,
            List<ExpectationResult> expectations) {
        this(header, pools, metrics, Timeline.of(timeline), SpooledRows.of(events), latencyHistograms, expectations);
    }

    /**
     * Deletes the spill files of the timeline and the events (a long run's rows past their memory bound); the
     * summary, the charts and the histograms stay readable, the rows do not. A result and its
     * {@link #withExpectations} copy share them: closing one closes both.
     */
    @Override
    public void close() {
        timeline.close();
        events.close();
    }

    /** This result with its expectation verdicts replaced; expectations are evaluated on a result. */
    public RunResult withExpectations(List<ExpectationResult> results) {
        return new RunResult(header, pools, metrics, timeline, events, latencyHistograms, results);
    }

    private static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        // List.sort is stable, so equal keys keep the producer's order.
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
