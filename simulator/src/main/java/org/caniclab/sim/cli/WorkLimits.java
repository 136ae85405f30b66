package org.caniclab.sim.cli;

import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.WorkEstimate;
import org.caniclab.sim.scenario.ScenarioException;
import picocli.CommandLine.Option;

/**
 * The work a simulator run may take, checked at validation against the scenario's {@link WorkEstimate}: a run
 * over a limit is refused with one line (exit 2) saying how to raise it, before anything runs or is written.
 * Shared by {@code replay}, {@code validate} and {@code sweep}.
 */
final class WorkLimits {
    /** Default {@code --max-events}: about a minute or two of simulation on one core. */
    static final long DEFAULT_MAX_EVENTS = 1_000_000_000L;
    /** Default {@code --max-timeline-rows}: about 500 MB of timeline.csv. */
    static final long DEFAULT_MAX_TIMELINE_ROWS = 10_000_000L;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_EVENTS,
            description = "Refuse a run whose estimated events (two per expected arrival, timer ticks, calls) exceed N "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxEvents = DEFAULT_MAX_EVENTS;

    @Option(names = "--max-timeline-rows", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_TIMELINE_ROWS,
            description = "Refuse a run whose timeline.csv would exceed N rows (pools x duration / sample_interval; "
                    + "default: ${DEFAULT-VALUE}).")
    long maxTimelineRows = DEFAULT_MAX_TIMELINE_ROWS;

    /**
     * @param file the scenario file as the user named it
     * @throws ScenarioException when the run's estimate exceeds a limit
     */
    void check(Scenario scenario, String file) {
        WorkEstimate w = WorkEstimate.of(scenario);
        if (w.events() > maxEvents) {
            throw new ScenarioException(file, 0, w.eventsKey(), "the run would take about "
                    + WorkEstimate.format(w.events()) + " events, above the limit of " + maxEvents + "; accepted: a "
                    + "run of at most that many (a lower rate, fewer requests, a longer interval or a shorter "
                    + "run.duration), or raise the limit with --max-events N");
        }
        if (w.timelineRows() > maxTimelineRows) {
            throw new ScenarioException(file, 0, w.timelineKey(), "timeline.csv would have about "
                    + WorkEstimate.format(w.timelineRows()) + " rows (pools x run.duration / run.sample_interval), "
                    + "above the limit of " + maxTimelineRows + "; accepted: a longer run.sample_interval or a shorter "
                    + "run.duration, or raise the limit with --max-timeline-rows N");
        }
    }
}
