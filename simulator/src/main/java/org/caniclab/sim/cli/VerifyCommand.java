package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.verify.Exploration;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.verify.ScheduleExplorer;
import org.caniclab.core.verify.Violation;
import org.caniclab.sim.scenario.Durations;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab verify}: explores every interleaving of the scenario's orchestration calls on one hub with the core
 * schedule explorer (state caching, symmetry and partial-order reduction) and prints what it covered, the shortest
 * schedule that breaks an invariant and the schedule with the largest overshoot of {@code max_workers}; or, with
 * {@code --json}, the same as one JSON object for tools.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Explores every interleaving of a scenario's orchestration calls.",
        description = {"Runs the schedule explorer on the scenario's pools and [[calls]] (plus the init-time bootstrap "
                + "when hub.bootstrap is true) in the scenario's hub.mode: every order in which the calls start and "
                + "root answers their creates (success, or a failure of each kind within --failures) is covered, and "
                + "every invariant (bound, registry, recount, termination) is checked in every reached state. It "
                + "prints the distinct states and transitions explored, whether the search was exhaustive, the "
                + "shortest violating schedule and the worst one (largest registered + reserved - max_workers).",
            "Call times are ignored: all calls are treated as concurrent. Equal states are explored once, calls of "
                + "one kind on one pool count as interchangeable and calls on different pools commute, so a dozen "
                + "calls take seconds. A search cut by --max-steps, --max-states or --time-limit proves nothing and "
                + "exits with 5, never with 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the search was exhaustive and no schedule breaks an invariant",
            "1:a violating schedule was found", "2:the scenario or the usage is invalid", "4:internal error",
            "5:inconclusive: no violation found, but a budget or --max-steps cut the search"})
final class VerifyCommand implements Callable<Integer> {
    /** Exit code of a search that found no violation but was cut short: nothing is proved. */
    static final int INCONCLUSIVE = 5;

    private static final String WHY_MODES_DIFFER = "the two modes reach different numbers of states: in seed-0.33.3 a "
            + "call counts only workers already registered, so every call that observes the same count spawns and "
            + "up to one create per call is in flight at once; in reserved mode a create holds its place from the "
            + "moment it is planned, so later calls are refused (at_max_workers) and fewer creates, hence fewer "
            + "combinations of pending answers, exist";

    private final boolean terminal;

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--failures", paramLabel = "N", defaultValue = "0",
            description = "Create requests root may fail in one schedule (default: ${DEFAULT-VALUE}).")
    int failures;

    @Option(names = "--failure-kinds", paramLabel = "KIND[,KIND...]", split = ",", defaultValue = "rejected,transport",
            description = "How root may fail a create: rejected (root's rejection, metric reason policy_denied), "
                    + "out-of-cycles (policy_denied, public code OUT_OF_CYCLES), transport (invalid_state); each "
                    + "failure is tried with every kind (default: ${DEFAULT-VALUE}).")
    List<String> failureKinds;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "64",
            description = "Longest schedule explored; longer ones are cut and the search is inconclusive "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-states", paramLabel = "N", defaultValue = "2000000",
            description = "Most distinct states held (about 200 bytes each); reaching it ends the search, "
                    + "inconclusive (default: ${DEFAULT-VALUE}).")
    long maxStates;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "60s",
            description = "Longest the search may run, e.g. 30s or 5m, 0 for no limit; running out ends it, "
                    + "inconclusive (default: ${DEFAULT-VALUE}).")
    String timeLimit;

    @Option(names = "--reduction", paramLabel = "R", defaultValue = "full",
            description = "full (caching, symmetry, partial-order), symmetry, cache, or none (the naive search, "
                    + "every schedule replayed from scratch: the reference, for small cases) (default: "
                    + "${DEFAULT-VALUE}).")
    String reduction;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout, for tools.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; the result is printed as usual.")
    boolean quiet;

    private final LongSupplier wallNanos;

    VerifyCommand() {
        this(false);
    }

    /**
     * @param terminal whether stderr is a terminal: a progress line redrawn in place there, a plain line every
     *     {@value ProgressBar#LINE_EVERY_SECONDS} s of a long search elsewhere
     */
    VerifyCommand(boolean terminal) {
        this(terminal, System::nanoTime);
    }

    /** As {@link #VerifyCommand(boolean)}, with the wall clock progress is paced by (a test's). */
    VerifyCommand(boolean terminal, LongSupplier wallNanos) {
        this.terminal = terminal;
        this.wallNanos = wallNanos;
    }

    @Override
    public Integer call() {
        if (failures < 0) {
            throw bad("--failures is " + failures + "; accepted: an integer >= 0");
        }
        if (maxSteps < 1) {
            throw bad("--max-steps is " + maxSteps + "; accepted: an integer >= 1");
        }
        if (maxStates < 1) {
            throw bad("--max-states is " + maxStates + "; accepted: an integer >= 1");
        }
        long limitNanos;
        try {
            limitNanos = Durations.parse(timeLimit);
        } catch (IllegalArgumentException ex) {
            throw bad("--time-limit: " + ex.getMessage());
        }
        ScheduleExplorer.Reduction r = switch (reduction) {
            case "full" -> ScheduleExplorer.Reduction.FULL;
            case "symmetry" -> ScheduleExplorer.Reduction.SYMMETRY;
            case "cache" -> ScheduleExplorer.Reduction.CACHE;
            case "none" -> ScheduleExplorer.Reduction.NONE;
            default -> throw bad("--reduction is '" + reduction + "'; accepted: full, symmetry, cache, none");
        };
        List<CanicError> kinds = new ArrayList<>();
        for (String k : failureKinds) {
            kinds.add(switch (k.strip()) {
                case "rejected" -> ScheduleExplorer.ROOT_REJECTION;
                case "out-of-cycles" -> ScheduleExplorer.OUT_OF_CYCLES;
                case "transport" -> ScheduleExplorer.TRANSPORT_FAILURE;
                default -> throw bad("--failure-kinds: '" + k + "' is not a kind; accepted: rejected, out-of-cycles, "
                        + "transport");
            });
        }
        Scenario s = options.load();
        List<HubCall> calls = calls(s);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String header = "verify " + options.scenario + ": mode " + s.hub().mode().label() + ", " + describe(calls)
                + ", failure budget " + failures + " (" + String.join(", ", failureKinds) + "), max steps " + maxSteps
                + ", reduction " + r.label() + ", budget " + maxStates + " states / "
                + (limitNanos == 0 ? "no time limit" : timeLimit.strip());
        if (calls.isEmpty() && !json) {
            out.println(header);
            out.println("nothing to explore: the scenario has no [[calls]] and hub.bootstrap is false");
            out.flush();
            return Failures.OK;
        }
        if (!json) {
            out.println(header);
            out.flush();
        }
        long start = wallNanos.getAsLong();
        ProgressBar bar = new ProgressBar(err, ProgressBar.mode(terminal, quiet), wallNanos);
        Exploration e;
        try {
            e = ScheduleExplorer.builder()
                    .config(config(s))
                    .mode(s.hub().mode())
                    .call(calls.toArray(new HubCall[0]))
                    .failureBudget(failures)
                    .failureErrors(kinds.toArray(new CanicError[0]))
                    .maxSteps(maxSteps)
                    .reduction(r)
                    .stateBudget(maxStates)
                    .timeBudget(Duration.ofNanos(limitNanos))
                    .progress((states, transitions, depth) -> bar.status(String.format(Locale.ROOT,
                            "exploring, %d states, %d transitions, depth %d", states, transitions, depth)))
                    .build()
                    .explore();
        } catch (RuntimeException ex) {
            throw new InternalFailure(null, ex);
        } finally {
            bar.finish();
        }
        if (terminal) { // wall time only on a terminal's stderr: stdout stays a function of the inputs
            err.printf(Locale.ROOT, "searched in %.2fs%n", (wallNanos.getAsLong() - start) / 1e9);
            err.flush();
        }
        if (json) {
            out.println(json(s, calls, r, e));
        } else {
            text(out, e);
        }
        out.flush();
        return switch (e.verdict()) {
            case HOLDS -> Failures.OK;
            case VIOLATED -> Failures.EXPECTATION_FAILED;
            case INCONCLUSIVE -> INCONCLUSIVE;
        };
    }

    private picocli.CommandLine.ParameterException bad(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void text(PrintWriter out, Exploration e) {
        out.println("explored " + e.states() + " distinct states, " + e.transitions() + " transitions ("
                + e.steps() + " steps executed, replays included)" + schedules(e));
        out.println("end states: " + e.finalStates().size() + " distinct (registry counts and metric rows)");
        out.println("note: " + WHY_MODES_DIFFER);
        if (e.exhaustive()) {
            out.println("search: exhaustive");
        } else {
            List<String> why = new ArrayList<>();
            if (e.stop() == Exploration.Stop.STATE_BUDGET) {
                why.add("the state budget (--max-states " + maxStates + ") ran out");
            }
            if (e.stop() == Exploration.Stop.TIME_BUDGET) {
                why.add("the time limit (--time-limit " + timeLimit + ") ran out");
            }
            if (e.truncated()) {
                why.add("some schedules were cut at " + maxSteps + " steps");
            }
            out.println("search: NOT exhaustive: " + String.join("; ", why));
        }
        if (e.shortestViolation().isPresent()) {
            out.println();
            out.println("shortest violating schedule:");
            out.print(e.shortestViolation().get().render());
        }
        if (e.worstViolation().isPresent()) {
            out.println();
            out.println("worst schedule (overshoot " + e.worstOvershoot() + (e.exhaustive() ? "" : ", the worst found")
                    + "):");
            out.print(e.worstViolation().get().render());
        }
        out.println();
        switch (e.verdict()) {
            case HOLDS -> out.println("no violation: every schedule kept the invariants");
            case VIOLATED -> out.println("violation found");
            case INCONCLUSIVE -> out.println("inconclusive: no violation among the states explored, but the search "
                    + "was cut, so some schedules were not checked (exit " + INCONCLUSIVE + ")");
        }
    }

    private static String schedules(Exploration e) {
        if (e.schedules() < 0) {
            return e.porSkipped() > 0 ? "; partial-order reduction skipped " + e.porSkipped()
                    + " transitions, so schedules were not counted" : "";
        }
        return "; they stand for " + (e.schedules() == Long.MAX_VALUE ? "more than 9.2e18" : e.schedules())
                + " schedules";
    }

    private String json(Scenario s, List<HubCall> calls, ScheduleExplorer.Reduction r, Exploration e) {
        StringBuilder b = new StringBuilder("{");
        field(b, "scenario", quote(options.scenario.toString()));
        field(b, "mode", quote(s.hub().mode().label()));
        List<String> names = new ArrayList<>();
        for (HubCall c : calls) {
            names.add(quote(c.toString()));
        }
        field(b, "calls", "[" + String.join(", ", names) + "]");
        field(b, "failures", String.valueOf(failures));
        List<String> kinds = new ArrayList<>();
        for (String k : failureKinds) {
            kinds.add(quote(k.strip()));
        }
        field(b, "failure_kinds", "[" + String.join(", ", kinds) + "]");
        field(b, "max_steps", String.valueOf(maxSteps));
        field(b, "max_states", String.valueOf(maxStates));
        field(b, "reduction", quote(r.label()));
        field(b, "verdict", quote(e.verdict().label()));
        field(b, "exhaustive", String.valueOf(e.exhaustive()));
        field(b, "stop", quote(e.stop().label()));
        field(b, "truncated", String.valueOf(e.truncated()));
        field(b, "states", String.valueOf(e.states()));
        field(b, "transitions", String.valueOf(e.transitions()));
        field(b, "steps", String.valueOf(e.steps()));
        field(b, "schedules", e.schedules() < 0 ? "null" : String.valueOf(e.schedules()));
        field(b, "schedules_saturated", String.valueOf(e.schedules() == Long.MAX_VALUE));
        field(b, "por_skipped", String.valueOf(e.porSkipped()));
        field(b, "end_states", String.valueOf(e.finalStates().size()));
        field(b, "worst_overshoot", String.valueOf(e.worstOvershoot()));
        field(b, "shortest_violation", e.shortestViolation().map(VerifyCommand::json).orElse("null"));
        field(b, "worst_schedule", e.worstViolation().map(VerifyCommand::json).orElse("null"));
        b.setLength(b.length() - 2);
        return b.append('}').toString();
    }

    private static String json(Violation v) {
        List<String> steps = new ArrayList<>();
        for (String step : v.steps()) {
            steps.add(quote(step));
        }
        return "{\"invariant\": " + quote(v.invariant()) + ", \"observed\": " + quote(v.observed())
                + ", \"steps\": [" + String.join(", ", steps) + "]}";
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\": ").append(value).append(", ");
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
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
