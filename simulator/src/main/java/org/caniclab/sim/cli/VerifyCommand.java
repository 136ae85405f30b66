package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.verify.Exploration;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.verify.ScheduleExplorer;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab verify}: explores every interleaving of the scenario's orchestration calls on one hub with
 * the core schedule explorer and prints the shortest schedule that breaks an invariant.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Explores every interleaving of a scenario's orchestration calls.",
        description = {"Runs the schedule explorer on the scenario's pools and [[calls]] (plus the init-time bootstrap "
                + "when hub.bootstrap is true) in the scenario's hub.mode: every order in which the calls start and "
                + "root answers their creates is tried, and the shortest schedule that breaks an invariant (bound, "
                + "registry, recount, termination) is printed.",
            "Call times are ignored: all calls are treated as concurrent. The number of schedules grows "
                + "factorially with the number of calls; keep it small (about 6)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no schedule breaks an invariant", "1:a violating schedule was found",
            "2:the scenario or the usage is invalid", "4:internal error"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--failures", paramLabel = "N", defaultValue = "0",
            description = "Create requests root may fail in one schedule (default: ${DEFAULT-VALUE}).")
    int failures;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "64",
            description = "Longest schedule explored; longer ones are cut and reported (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Override
    public Integer call() {
        if (failures < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--failures is " + failures + "; accepted: an integer >= 0");
        }
        if (maxSteps < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-steps is " + maxSteps + "; accepted: an integer >= 1");
        }
        Scenario s = options.load();
        List<HubCall> calls = calls(s);
        PrintWriter out = spec.commandLine().getOut();
        out.println("verify " + options.scenario + ": mode " + s.hub().mode().label() + ", " + describe(calls)
                + ", failure budget " + failures + ", max steps " + maxSteps);
        if (calls.isEmpty()) {
            out.println("nothing to explore: the scenario has no [[calls]] and hub.bootstrap is false");
            out.flush();
            return Failures.OK;
        }
        out.flush();
        Exploration e;
        try {
            e = ScheduleExplorer.builder()
                    .config(config(s))
                    .mode(s.hub().mode())
                    .call(calls.toArray(new HubCall[0]))
                    .failureBudget(failures)
                    .maxSteps(maxSteps)
                    .build()
                    .explore();
        } catch (RuntimeException ex) {
            throw new InternalFailure(null, ex);
        }
        out.println("explored " + e.schedules() + " schedules (" + e.steps() + " steps)"
                + (e.truncated() ? "; some were cut at " + maxSteps + " steps, so the search was not exhaustive" : ""));
        if (e.shortestViolation().isPresent()) {
            out.print(e.shortestViolation().get().render());
            out.flush();
            return Failures.EXPECTATION_FAILED;
        }
        out.println("no violation: every schedule kept the invariants");
        out.flush();
        return Failures.OK;
    }

    static ScalingConfig config(Scenario s) {
        ScalingConfig.Builder b = ScalingConfig.builder();
        for (PoolSpec p : s.pools()) {
            b.pool(p.name(), new ScalePool(p.role(), p.policy()));
        }
        return b.build();
    }

    static List<HubCall> calls(Scenario s) {
        List<HubCall> calls = new ArrayList<>();
        if (s.hub().bootstrap()) {
            calls.add(new HubCall.Bootstrap());
        }
        for (ScheduledCall c : s.calls()) {
            for (int i = 0; i < c.count(); i++) {
                calls.add(c.kind() == ScheduledCall.Kind.CREATE_WORKER ? new HubCall.CreateWorker(c.pool())
                        : new HubCall.PlanCreateWorker(c.pool()));
            }
        }
        return calls;
    }

    private static String describe(List<HubCall> calls) {
        Map<String, Integer> counts = new TreeMap<>();
        for (HubCall c : calls) {
            counts.merge(c.toString(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((call, n) -> parts.add(n + " x " + call));
        return calls.size() + " concurrent call" + (calls.size() == 1 ? "" : "s")
                + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
}
