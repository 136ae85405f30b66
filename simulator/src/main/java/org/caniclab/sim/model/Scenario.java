package org.caniclab.sim.model;

import java.util.List;
import java.util.Objects;

/**
 * A research case to replay: the run settings, the IC model, the hub, its pools, the load, scheduled
 * orchestration calls, fault windows and the expectations a run must show. Built from a scenario TOML
 * file by {@code ScenarioLoader}; immutable; all durations in nanoseconds of simulated time.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/steady.toml"), overrides);
 * RunResult r = new Simulator().run(s, ProgressListener.NONE);
 * }</pre>
 *
 * @param name the scenario name (also the default output folder {@code out/<name>/})
 * @param pools in name order
 * @param expectations comparisons on {@code summary.json} paths, e.g. {@code pools.api.overshoot_peak == 0}
 */
public record Scenario(
        String name,
        RunSettings run,
        IcModel ic,
        HubSettings hub,
        List<PoolSpec> pools,
        List<LoadSource> loads,
        List<ScheduledCall> calls,
        List<FaultWindow> faults,
        List<String> expectations) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(hub, "hub");
        pools = List.copyOf(pools);
        loads = List.copyOf(loads);
        calls = List.copyOf(calls);
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
    }

    /** The same scenario with another seed (the CLI's {@code --seed}). */
    public Scenario withSeed(long seed) {
        return new Scenario(name, run.withSeed(seed), ic, hub, pools, loads, calls, faults, expectations);
    }
}
