package org.caniclab.sim;

import org.caniclab.reports.RunResult;
import org.caniclab.sim.scenario.Scenario;

/**
 * Replays a {@link Scenario} on the deterministic IC model and returns what the run showed. The same
 * scenario and seed give the same result, field for field.
 *
 * <pre>{@code
 * RunResult result = new Simulator().run(scenario, ProgressListener.NONE);
 * }</pre>
 */
public final class Simulator {
    /** Runs the scenario to its duration. Expectations are evaluated by the caller on the summary. */
    public RunResult run(Scenario scenario, ProgressListener progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
