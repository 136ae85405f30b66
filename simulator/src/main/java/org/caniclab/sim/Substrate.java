package org.caniclab.sim;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.model.Scenario;

/**
 * Where a scenario runs: the embedded simulator ({@link Simulator}), a PocketIC server, a real IC endpoint. Every
 * substrate returns the same {@link RunResult}, so expectations, reports and sweeps do not care which one ran. The
 * API is in-process and reentrant across instances: a sweep calls {@link #run} thousands of times in one JVM.
 *
 * <pre>{@code
 * Substrate sim = new Simulator();
 * RunResult r = sim.run(scenario, ProgressListener.NONE);
 * try (RunResult big = sim.run(scenario, new RunControl(bar, folder.spillFiles(), stop::requested))) { ... }
 * List<String> refused = substrate.unsupportedKeys(scenario);   // check before running
 * }</pre>
 */
@FunctionalInterface
public interface Substrate {
    /**
     * Runs the scenario to its end.
     *
     * @throws org.caniclab.sim.substrate.SubstrateUnavailableException when the substrate cannot be reached or does
     *     not finish a step in time
     * @throws IllegalArgumentException when the scenario has {@link #unsupportedKeys}
     */
    RunResult run(Scenario scenario, ProgressListener progress);

    /**
     * Runs the scenario to its end under {@code control}: its progress listener, where long rows spill, and when to
     * stop early. A substrate that neither spills nor stops (a network replay's few rows) runs as {@link #run(Scenario,
     * ProgressListener)}.
     *
     * @throws RunStoppedException when {@code control} asked the run to stop before its end
     */
    default RunResult run(Scenario scenario, RunControl control) {
        return run(scenario, control.progress());
    }

    /** The scenario keys this substrate cannot run, as the scenario names them; empty when it can run it all. */
    default List<String> unsupportedKeys(Scenario scenario) {
        return List.of();
    }

    /**
     * What {@code run-info.json} records about this substrate, in key order: for a network backend its endpoint and
     * agent (never a secret); empty for the simulator.
     */
    default SortedMap<String, String> runInfo() {
        return new TreeMap<>();
    }

    /** What this substrate runs, for the message that refuses the rest. */
    default String accepted() {
        return "every scenario key";
    }
}
