package org.caniclab.sim.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.caniclab.core.config.PoolFileNames;

/**
 * A research case to replay: the run settings, the IC model, the hub, its pools, the load, scheduled
 * orchestration calls, fault windows and the expectations a run must show. Built from a scenario TOML
 * file by {@code ScenarioLoader} (or in code); immutable; all durations in nanoseconds of simulated time.
 * Every record checks its own values, and this one checks how they fit together (pool names, what loads
 * and calls refer to), so a consumer never re-checks them.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/steady.toml"), overrides);
 * RunResult r = new Simulator().run(s, ProgressListener.NONE);
 * }</pre>
 *
 * @param name the scenario name (also the default output folder {@code out/<name>/}): 1 to 64 letters,
 *     digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit
 * @param pools one or more, in name order, with unique names whose report files
 *     ({@link PoolFileNames#collisionKey}) differ
 * @param loads unique names; each names a pool of {@code pools}
 * @param calls in time order (a call may name an unknown pool: the hub refuses it as Canic does)
 * @param expectations comparisons on {@code summary.json} paths, e.g. {@code pools.api.overshoot_peak == 0},
 *     as written (the CLI parses them)
 * @param sweep the study {@code caniclab sweep} runs when given no {@code --vary}/{@code --replications}; ignored
 *     by {@code replay}
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
        List<ExpectationSpec> expectations,
        Optional<SweepSpec> sweep) {

    /** What {@link #name()} accepts. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Scenario {
        Objects.requireNonNull(name, "name");
        Check.that(NAME.matcher(name).matches(), "Scenario.name", "\"" + name + "\"",
                "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(hub, "hub");
        pools = List.copyOf(pools);
        loads = List.copyOf(loads);
        calls = List.copyOf(calls);
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
        Objects.requireNonNull(sweep, "sweep");
        Check.that(!pools.isEmpty(), "Scenario.pools", "[]", "one or more pools");
        Set<String> poolNames = new HashSet<>();
        // Looked up only, never iterated.
        Map<String, String> files = new HashMap<>();
        String previous = null;
        for (PoolSpec p : pools) {
            Check.that(poolNames.add(p.name()), "Scenario.pools name", "\"" + p.name() + "\"", "unique pool names");
            Check.that(previous == null || previous.compareTo(p.name()) < 0, "Scenario.pools order",
                    "\"" + p.name() + "\"", "pools in name order");
            previous = p.name();
            String other = files.putIfAbsent(PoolFileNames.collisionKey(p.name()), p.name());
            Check.that(other == null, "Scenario.pools name", "\"" + p.name() + "\"",
                    "names whose report files differ (\"" + other + "\" writes the same latency file)");
        }
        Set<String> loadNames = new HashSet<>();
        for (LoadSource l : loads) {
            Check.that(loadNames.add(l.name()), "Scenario.loads name", "\"" + l.name() + "\"", "unique load names");
            String pool = l instanceof LoadSource.Poisson p ? p.pool()
                    : l instanceof LoadSource.Burst b ? b.pool()
                    : ((LoadSource.Trace) l).defaultPool().orElse(null);
            Check.that(pool == null || poolNames.contains(pool), "Scenario.loads pool", "'" + pool + "'",
                    "a pool of the scenario");
        }
        // A call may name a pool the scenario lacks: the hub answers it as Canic does ("not found").
        long previousAt = 0;
        for (ScheduledCall c : calls) {
            Check.that(c.atNanos() >= previousAt, "Scenario.calls at", c.atNanos(), "calls in time order");
            previousAt = c.atNanos();
        }
    }

    /** A scenario that states no sweep. */
    public Scenario(String name, RunSettings run, IcModel ic, HubSettings hub, List<PoolSpec> pools,
            List<LoadSource> loads, List<ScheduledCall> calls, List<FaultWindow> faults,
            List<ExpectationSpec> expectations) {
        this(name, run, ic, hub, pools, loads, calls, faults, expectations, Optional.empty());
    }

    /** The same scenario with another seed (the CLI's {@code --seed}). */
    public Scenario withSeed(long seed) {
        return new Scenario(name, run.withSeed(seed), ic, hub, pools, loads, calls, faults, expectations, sweep);
    }
}
