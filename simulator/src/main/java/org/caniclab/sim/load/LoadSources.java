package org.caniclab.sim.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.model.LoadSource;

/**
 * Starts a scenario's load sources on an engine. Each source draws from its own stream
 * {@code load/<name>} and keeps one pending event; arrivals at or after {@code endNanos} are not generated.
 *
 * <pre>{@code
 * try (LoadSources.Running load = LoadSources.start(scenario.loads(), poolsByName, streams, engine, end)) {
 *     engine.runUntil(end);
 * }
 * }</pre>
 */
public final class LoadSources {
    private LoadSources() {}

    /**
     * Creates the sources and schedules their first arrivals.
     *
     * @throws IllegalArgumentException a source names an unknown pool or has an invalid schedule
     * @throws TraceFormatException a trace file cannot be opened
     */
    public static Running start(List<LoadSource> sources, SortedMap<String, Pool> pools, RandomStreams streams,
            Engine engine, long endNanos) {
        List<ArrivalProcess> started = new ArrayList<>();
        try {
            for (LoadSource source : sources) {
                ArrivalProcess p = create(source, pools, streams, engine, endNanos);
                started.add(p);
            }
            for (ArrivalProcess p : started) {
                p.start();
            }
        } catch (RuntimeException e) {
            started.forEach(ArrivalProcess::close);
            throw e;
        }
        return new Running(started);
    }

    private static ArrivalProcess create(LoadSource source, SortedMap<String, Pool> pools, RandomStreams streams,
            Engine engine, long endNanos) {
        String stream = "load/" + source.name();
        if (source instanceof LoadSource.Poisson p) {
            return new PoissonProcess(p.name(), pool(p.name(), p.pool(), pools), p.schedule(),
                    streams.stream(stream), engine, endNanos);
        }
        if (source instanceof LoadSource.Burst b) {
            return new BurstProcess(b.name(), pool(b.name(), b.pool(), pools), b.atNanos(), b.requests(),
                    b.spreadNanos(), streams.stream(stream), engine, endNanos);
        }
        if (source instanceof LoadSource.Trace t) {
            return new TraceProcess(t.file(), t.defaultPool(), pools, engine, endNanos);
        }
        throw new IllegalArgumentException("unsupported load source " + source);
    }

    private static Pool pool(String source, String name, SortedMap<String, Pool> pools) {
        Pool p = pools.get(name);
        if (p == null) {
            throw new IllegalArgumentException("load '" + source + "' targets pool '" + name
                    + "', which the scenario does not define; accepted: " + pools.keySet());
        }
        return p;
    }

    /** The started sources; closing releases trace files. */
    public static final class Running implements AutoCloseable {
        private final List<ArrivalProcess> processes;

        private Running(List<ArrivalProcess> processes) {
            this.processes = List.copyOf(processes);
        }

        @Override
        public void close() {
            processes.forEach(ArrivalProcess::close);
        }
    }
}
