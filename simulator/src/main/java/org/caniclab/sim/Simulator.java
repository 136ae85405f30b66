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
 * flight, and its timeline and events keep a bounded number of rows in memory and spill the rest
 * ({@link RunControl#spill()}), so a long run's heap does not grow with its length. Invalid scenario values the loader did not catch raise {@link IllegalArgumentException}; an
 * unreplayable trace raises {@link org.caniclab.sim.load.TraceFormatException}.
 */
public final class Simulator implements Substrate {
    /** Runs the scenario to its duration. Expectations are evaluated by the caller on the summary. */
    @Override
    public RunResult run(Scenario scenario, ProgressListener progress) {
        return run(scenario, RunControl.of(progress));
    }

    /**
     * Runs the scenario under {@code control}; the result's timeline and events spill to {@code control.spill()} past
     * their memory bound, so close it when done with it.
     */
    @Override
    public RunResult run(Scenario scenario, RunControl control) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(control, "control");
        return new SimulationRun(scenario, control.spill()).execute(control.progress(), control.stopRequested());
    }
}
