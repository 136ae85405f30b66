package org.caniclab.sim;

import java.util.Objects;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.model.Scenario;

/**
 * Replays a {@link Scenario} on the deterministic IC model and returns what the run showed. The same
 * scenario and seed give the same result, field for field.
 *
 * <pre>{@code
 * RunResult result = new Simulator().run(scenario, ProgressListener.NONE);
 * }</pre>
 *
 * <p>A run is single-threaded and keeps no per-request objects: memory is bounded by the requests in
 * flight. Invalid scenario values the loader did not catch raise {@link IllegalArgumentException}; an
 * unreplayable trace raises {@link org.caniclab.sim.load.TraceFormatException}.
 */
public final class Simulator implements Substrate {
    /** Runs the scenario to its duration. Expectations are evaluated by the caller on the summary. */
    @Override
    public RunResult run(Scenario scenario, ProgressListener progress) {
        Objects.requireNonNull(scenario, "scenario");
        return new SimulationRun(scenario).execute(progress == null ? ProgressListener.NONE : progress);
    }
}
