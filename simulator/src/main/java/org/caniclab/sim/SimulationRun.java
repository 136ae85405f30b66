package org.caniclab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.collect.RunCollector;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.ic.Hub;
import org.caniclab.sim.ic.Root;
import org.caniclab.sim.load.LoadSources;
import org.caniclab.sim.load.Pool;
import org.caniclab.sim.load.PoolStats;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.RunSettings;
import org.caniclab.sim.model.Scenario;

/**
 * One replay of a scenario: wires the engine, the pools, the hub (with root) and the load sources, runs
 * the event loop from checkpoint to checkpoint (the warm-up end and every timeline sample are observations
 * taken between events, after every event at that instant), and assembles the {@link RunResult}.
 */
final class SimulationRun {
    /** Events between two progress reports. */
    static final int PROGRESS_EVERY = 4096;

    private final Scenario scenario;
    private final RunSettings settings;
    private final Engine engine = new Engine();
    private final SortedMap<String, Pool> pools = new TreeMap<>();
    private final RandomStreams streams;
    private final Hub hub;
    private final RunCollector collector = new RunCollector(0);

    SimulationRun(Scenario scenario) {
        this.scenario = scenario;
        this.settings = scenario.run();
        RandomStreams streams = new RandomStreams(settings.seed());
        for (PoolSpec p : scenario.pools()) {
            Pool pool = new Pool(p.name(), p.service(), p.router(), engine, scenario.ic().roundNanos(),
                    settings.warmupNanos(), settings.durationNanos(), settings.batches(),
                    streams.stream("pool/" + p.name() + "/service"),
                    streams.stream("pool/" + p.name() + "/router"));
            pools.put(p.name(), pool); // names are unique: the Scenario record checked them
        }
        this.streams = streams;
        this.hub = new Hub(engine, scenario, pools, streams, collector, d -> collector.autoscale(d.timeNanos(),
                d.pool(), d.outcome(), new OrchestrationEvent.Autoscale(d.desired(), d.registered(), d.reserved(),
                        d.arrivals(), d.calls())));
    }

    RunResult execute(ProgressListener progress) {
        long end = settings.durationNanos();
        long warmup = settings.warmupNanos();
        long interval = settings.sampleIntervalNanos();
        TreeSet<Long> checkpoints = new TreeSet<>();
        if (interval > 0) {
            for (long t = interval; t <= end && t > 0; t += interval) {
                checkpoints.add(t);
            }
        }
        // Statistics start at the warm-up end; a warm-up past the end leaves them empty.
        long measureFrom = Math.min(warmup, end);
        checkpoints.add(measureFrom);
        checkpoints.add(end);
        hub.start();
        LoadSources.Running load = LoadSources.start(scenario.loads(), pools, streams, engine, end);
        try {
            for (long t : checkpoints) {
                while (!engine.runUntil(t, PROGRESS_EVERY)) {
                    progress.progress(engine.now(), end, engine.eventsProcessed());
                }
                // Also at each checkpoint, so sparse runs (few events per sample) still show progress.
                progress.progress(t, end, engine.eventsProcessed());
                if (t == measureFrom) {
                    pools.values().forEach(Pool::startMeasurement);
                }
                if (interval > 0 && t > 0 && t % interval == 0) {
                    sample(t);
                }
            }
        } finally {
            load.close();
        }
        progress.progress(end, end, engine.eventsProcessed());
        return result();
    }

    private void sample(long t) {
        HubDriver driver = hub.driver();
        for (Pool pool : pools.values()) {
            Pool.Interval i = pool.sample();
            collector.sample(t, pool.name(), i.workers(), driver.workflow().reservedCount(pool.name()),
                    driver.createsInFlight(pool.name()), i.queueDepth(), i.utilization(), i.arrivals(),
                    i.rejections());
        }
    }

    private RunResult result() {
        HubDriver driver = hub.driver();
        Root root = hub.root();
        List<RunCollector.PoolOutcome> outcomes = new ArrayList<>();
        SortedMap<String, Histogram> histograms = new TreeMap<>();
        for (PoolSpec spec : scenario.pools()) {
            Pool pool = pools.get(spec.name());
            outcomes.add(new RunCollector.PoolOutcome(spec.name(), spec.policy().minWorkers(),
                    spec.policy().maxWorkers(), driver.workflow().registry().countByPool(spec.name()),
                    driver.peakRegistered(spec.name()), root.orphans(spec.name()), root.cyclesSpent(spec.name()),
                    Optional.of(pool.stats())));
            histograms.put(spec.name(), pool.latencyHistogram());
        }
        RunHeader header = new RunHeader(scenario.name(), settings.seed(), "sim", driver.workflow().mode().label(),
                settings.durationNanos() / 1e9, engine.eventsProcessed(), settings.warmupNanos() / 1e9);
        return collector.result(header, outcomes, driver, histograms);
    }

    /**
     * The one place the load package's statistics become the reports' vocabulary: nanoseconds to
     * milliseconds, the latency histogram to its summary.
     */

    /** The hub of this run, for tests that look past the result. */
    Hub hub() {
        return hub;
    }

    SortedMap<String, Pool> pools() {
        return pools;
    }
}
