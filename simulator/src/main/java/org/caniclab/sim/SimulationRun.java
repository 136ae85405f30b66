package org.caniclab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SpillFiles;
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
    private final RunCollector collector;
    /** Whether the result carries the pools' latency histograms: not for a run whose rows nobody reads (a sweep's). */
    private final boolean keepsHistograms;

    SimulationRun(Scenario scenario) {
        this(scenario, SpillFiles.temporary());
    }

    SimulationRun(Scenario scenario, SpillFiles spill) {
        this.collector = new RunCollector(0, spill);
        this.keepsHistograms = spill.keepsRows();
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
        return execute(progress, () -> false);
    }

    /**
     * Runs to the end and returns the result; checks {@code stop} every {@value #PROGRESS_EVERY} events and at every
     * checkpoint, and throws {@link RunStoppedException} (with the spilled rows deleted) once it is true.
     */
    RunResult execute(ProgressListener progress, BooleanSupplier stop) {
        long end = settings.durationNanos();
        long warmup = settings.warmupNanos();
        long interval = settings.sampleIntervalNanos();
        // Statistics start at the warm-up end; a warm-up past the end leaves them empty.
        long measureFrom = Math.min(warmup, end);
        boolean done = false;
        hub.start();
        LoadSources.Running load = LoadSources.start(scenario.loads(), pools, streams, engine, end);
        try {
            // The checkpoints in order, one at a time: the sample instants (interval, 2·interval, ... up to end), the
            // warm-up end and the end, each once. A long run has millions of samples; none is held in advance.
            long nextSample = interval > 0 ? interval : Long.MAX_VALUE;
            boolean measured = false;
            long t = -1;
            while (t < end) {
                long next = Math.min(end, nextSample);
                if (!measured) {
                    next = Math.min(next, measureFrom);
                }
                t = next;
                while (!engine.runUntil(t, PROGRESS_EVERY)) {
                    progress.progress(engine.now(), end, events());
                    if (stop.getAsBoolean()) {
                        throw new RunStoppedException(engine.now(), end);
                    }
                }
                // Also at each checkpoint, so sparse runs (few events per sample) still show progress.
                progress.progress(t, end, events());
                if (stop.getAsBoolean()) {
                    throw new RunStoppedException(t, end);
                }
                if (t == measureFrom && !measured) {
                    measured = true;
                    pools.values().forEach(Pool::startMeasurement);
                }
                if (t == nextSample) {
                    sample(t);
                    nextSample = t > Long.MAX_VALUE - interval ? Long.MAX_VALUE : t + interval;
                }
            }
            progress.progress(end, end, events());
            RunResult result = result();
            done = true;
            return result;
        } finally {
            load.close();
            if (!done) {
                collector.close(); // a stopped or failed run leaves no spill file behind
            }
        }
    }

    /**
     * The model's events so far: the engine's and the pools' settled ones (up to the last read of their
     * statistics; in the result, up to the end).
     */
    private long events() {
        long n = engine.eventsProcessed();
        for (Pool p : pools.values()) {
            n += p.settledEvents();
        }
        return n;
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
            if (keepsHistograms) {
                histograms.put(spec.name(), pool.latencyHistogram());
            }
        }
        RunHeader header = new RunHeader(scenario.name(), settings.seed(), "sim", driver.workflow().mode().label(),
                settings.durationNanos() / 1e9, events(), settings.warmupNanos() / 1e9);
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
