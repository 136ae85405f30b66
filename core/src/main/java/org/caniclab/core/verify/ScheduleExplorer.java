package org.caniclab.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.policy.ScalingPolicy;
import org.caniclab.core.registry.RegisteredWorker;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.core.workflow.ScalingWorkflow;

/**
 * Runs a set of concurrent calls on one hub under every order in which they can start and in which root
 * answers their create requests (success, or failure within a budget), and checks invariants after every
 * step. A violation comes back as the shortest schedule that shows it.
 *
 * <p>The hub executes as on the IC: each call's code between two awaits is atomic, so the only choices are
 * which call is delivered next and which pending create root answers next, and how. Each schedule is
 * replayed from scratch on a {@link ControlledIcRuntime}, so the search holds no shared mutable state.
 *
 * <p>Invariants, checked after each step:
 * <ol>
 *   <li><b>bound</b>: registered + reserved ≤ {@code max_workers} for every pool with a maximum;</li>
 *   <li><b>registry</b>: the registry holds exactly the pre-registered workers plus the principals whose
 *       creation succeeded;</li>
 *   <li><b>recount</b>: the metric counters equal a recount from the explorer's own log of deliveries and
 *       answers;</li>
 * </ol>
 * and when no action is left: <b>termination</b>, every call ended exactly once, and every started metric
 * operation ended exactly once as completed, failed or skipped.
 *
 * <pre>{@code
 * Exploration e = ScheduleExplorer.builder()
 *     .config(cfg).mode(ConcurrencyMode.SEED_0_33_3)
 *     .registered("api", 1)
 *     .call(new HubCall.CreateWorker("api"), new HubCall.CreateWorker("api"))
 *     .failureBudget(1)
 *     .build().explore();
 * e.shortestViolation().ifPresent(v -> System.out.print(v.render()));
 * }</pre>
 */
public final class ScheduleExplorer {
    /** Pre-registered workers take ids from here, far from the ones root hands out in a schedule. */
    private static final long PRE_REGISTERED_BASE = 1L << 40;

    private final ScalingConfig config;
    private final ConcurrencyMode mode;
    private final ScalingPolicy policy;
    private final List<HubCall> calls;
    private final Map<String, Integer> registered;
    private final int failureBudget;
    private final int maxSteps;
    private final CanicError failure;

    private long schedules;
    private long steps;
    private boolean truncated;
    private Violation best;

    private ScheduleExplorer(Builder b) {
        this.config = b.config;
        this.mode = b.mode;
        this.policy = b.policy;
        this.calls = List.copyOf(b.calls);
        this.registered = new TreeMap<>(b.registered);
        this.failureBudget = b.failureBudget;
        this.maxSteps = b.maxSteps;
        this.failure = b.failure;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Explores every schedule up to the step bound. Deterministic: the same inputs give the same result. */
    public Exploration explore() {
        schedules = 0;
        steps = 0;
        truncated = false;
        best = null;
        search(new ArrayList<>(), new Run(false));
        return new Exploration(schedules, steps, truncated, Optional.ofNullable(best));
    }

    private void search(List<Action> prefix, Run run) {
        if (best != null && prefix.size() >= best.steps().size()) {
            return; // cannot lead to a shorter violation
        }
        List<Action> enabled = run.enabled();
        if (enabled.isEmpty()) {
            schedules++;
            run.checkTerminal().ifPresent(v -> record(prefix, v));
            return;
        }
        if (prefix.size() >= maxSteps) {
            schedules++;
            truncated = true;
            return;
        }
        for (int i = 0; i < enabled.size(); i++) {
            // The last child takes over this node's run; the others replay the prefix from scratch.
            Run child = i == enabled.size() - 1 ? run : replay(prefix, false);
            prefix.add(enabled.get(i));
            child.apply(enabled.get(i));
            steps++;
            Optional<String[]> v = child.lastViolation;
            if (v.isPresent()) {
                schedules++;
                record(prefix, v.get());
            } else {
                search(prefix, child);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    private void record(List<Action> schedule, String[] v) {
        if (best == null || schedule.size() < best.steps().size()) {
            // Replay once more, this time writing the step-by-step log the violation is shown with.
            best = new Violation(v[0], v[1], replay(schedule, true).log);
        }
    }

    private Run replay(List<Action> prefix, boolean logged) {
        Run run = new Run(logged);
        for (Action a : prefix) {
            run.apply(a);
            steps++;
        }
        return run;
    }

    /** One choice of the scheduler. */
    private record Action(Kind kind, int target) {
        enum Kind { DELIVER, SUCCEED, FAIL }
    }

    /** The hub and its runtime after a prefix of a schedule, plus the explorer's own log for the recount. */
    private final class Run {
        final ControlledIcRuntime ic = new ControlledIcRuntime();
        final boolean logged;
        final List<String> rows = new ArrayList<>();
        final ScalingMetrics metrics;
        final HubDriver driver;
        final ScalingWorkflow hub;
        final boolean[] delivered = new boolean[calls.size()];
        final int[] endings = new int[calls.size()];
        final Map<Integer, Integer> createOwner = new TreeMap<>(); // create sequence -> call index
        final TreeSet<Principal> expected = new TreeSet<>();
        final List<String> log = new ArrayList<>();
        int failuresUsed;
        // the explorer's own recount of what it did
        int deliveredPlanning;
        int deliveredBootstraps;
        int succeeded;
        int failed;
        Optional<String[]> lastViolation = Optional.empty();

        Run(boolean logged) {
            this.logged = logged;
            metrics = logged
                    ? new ScalingMetrics((op, outcome, reason) ->
                            rows.add(op.label() + "/" + outcome.label() + "/" + reason.label()))
                    : new ScalingMetrics();
            // keepDryRunRows: the recount below counts the dry runs' plan_create rows, which the IC would discard
            driver = HubDriver.builder(ic).config(config).mode(mode).policy(policy).metrics(metrics)
                    .keepDryRunRows(true).build();
            hub = driver.workflow();
            long next = PRE_REGISTERED_BASE;
            for (Map.Entry<String, Integer> e : registered.entrySet()) {
                CanisterRole role = roleOf(e.getKey());
                for (int i = 0; i < e.getValue(); i++) {
                    Principal pid = Principal.canisterId(next++);
                    hub.registry().upsert(pid, new WorkerEntry(e.getKey(), role, 0));
                    expected.add(pid);
                }
            }
        }

        List<Action> enabled() {
            List<Action> out = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                if (!delivered[i]) {
                    out.add(new Action(Action.Kind.DELIVER, i));
                }
            }
            for (ControlledIcRuntime.PendingCreate p : ic.pending()) {
                out.add(new Action(Action.Kind.SUCCEED, p.sequence()));
                if (failuresUsed < failureBudget) {
                    out.add(new Action(Action.Kind.FAIL, p.sequence()));
                }
            }
            return out;
        }

        void apply(Action a) {
            rows.clear();
            int before = ic.createsRequested();
            int actor;
            Principal created = null;
            switch (a.kind()) {
                case DELIVER -> {
                    actor = a.target();
                    delivered[actor] = true;
                    deliver(actor);
                }
                case SUCCEED -> {
                    actor = createOwner.get(a.target());
                    created = ic.complete(pending(a.target()));
                    expected.add(created);
                    succeeded++;
                }
                default -> {
                    actor = createOwner.get(a.target());
                    failuresUsed++;
                    failed++;
                    ic.fail(pending(a.target()), failure);
                }
            }
            for (int seq = before; seq < ic.createsRequested(); seq++) {
                createOwner.put(seq, actor);
            }
            if (logged) { // the text is built only for the schedule a violation is shown with
                log.add(describe(a, actor, created, before) + " " + rows + " " + counts());
            }
            lastViolation = checkStep();
        }

        private String describe(Action a, int actor, Principal created, int firstNewCreate) {
            StringBuilder what = new StringBuilder();
            switch (a.kind()) {
                case DELIVER -> what.append("deliver ").append(label(actor)).append(' ').append(calls.get(actor));
                case SUCCEED -> what.append("root creates ").append(created).append(" for ").append(label(actor))
                        .append(" (create#").append(a.target()).append(')');
                default -> what.append("root fails create#").append(a.target()).append(" of ").append(label(actor))
                        .append(": ").append(failure.publicCode());
            }
            for (int seq = firstNewCreate; seq < ic.createsRequested(); seq++) {
                what.append(" -> awaits create#").append(seq);
            }
            return what.toString();
        }

        private void deliver(int i) {
            HubCall call = calls.get(i);
            if (call instanceof HubCall.Bootstrap) {
                deliveredBootstraps++;
            } else {
                deliveredPlanning++;
            }
            driver.execute(call, "explorer").whenComplete((v, e) -> endings[i]++);
        }

        private ControlledIcRuntime.PendingCreate pending(int sequence) {
            for (ControlledIcRuntime.PendingCreate p : ic.pending()) {
                if (p.sequence() == sequence) {
                    return p;
                }
            }
            throw new IllegalStateException("create#" + sequence + " is not pending");
        }

        private String counts() {
            StringBuilder b = new StringBuilder("{");
            for (String pool : poolNames()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(pool).append(": registered ").append(hub.registry().countByPool(pool));
                if (mode == ConcurrencyMode.RESERVED) {
                    b.append(" reserved ").append(hub.reservedCount(pool));
                }
            }
            return b.append('}').toString();
        }

        private Optional<String[]> checkStep() {
            if (config != null) {
                for (Map.Entry<String, ScalePool> e : config.pools().entrySet()) {
                    int max = e.getValue().policy().maxWorkers();
                    int held = hub.registry().countByPool(e.getKey()) + hub.reservedCount(e.getKey());
                    if (max > 0 && held > max) {
                        return violation("bound: registered + reserved <= max_workers",
                                "pool '" + e.getKey() + "' holds " + held + " > max_workers " + max);
                    }
                }
            }
            if (!registryMatches()) {
                List<Principal> actual = new ArrayList<>();
                for (RegisteredWorker w : hub.registry().entries()) {
                    actual.add(w.pid());
                }
                return violation("registry: holds exactly the principals whose creation succeeded",
                        "registry " + actual + ", expected " + expected);
            }
            long bootstraps = metrics.count(ScalingOperation.BOOTSTRAP_CONFIG, ScalingOutcome.STARTED)
                    + metrics.count(ScalingOperation.BOOTSTRAP_CONFIG, ScalingOutcome.SKIPPED,
                            ScalingReason.SCALING_DISABLED);
            String off = recount("plan_create/started",
                            metrics.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.STARTED), deliveredPlanning)
                    + recount("create_worker/started",
                            metrics.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED),
                            ic.createsRequested())
                    + recount("create_worker/completed",
                            metrics.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.COMPLETED), succeeded)
                    + recount("create_worker/failed",
                            metrics.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.FAILED), failed)
                    + recount("register_worker/completed",
                            metrics.count(ScalingOperation.REGISTER_WORKER, ScalingOutcome.COMPLETED), succeeded)
                    + recount("bootstrap_config/started", bootstraps, deliveredBootstraps);
            if (!off.isEmpty()) {
                return violation("recount: metric counters equal a recount of the schedule", off.trim());
            }
            return Optional.empty();
        }

        private String recount(String row, long counted, long done) {
            return counted == done ? "" : row + " is " + counted + ", the schedule did " + done + "; ";
        }

        private boolean registryMatches() {
            if (hub.registry().size() != expected.size()) {
                return false;
            }
            for (Principal p : expected) {
                if (hub.registry().get(p) == null) {
                    return false;
                }
            }
            return true;
        }

        Optional<String[]> checkTerminal() {
            for (int i = 0; i < calls.size(); i++) {
                if (endings[i] != 1) {
                    return violation("termination: every call ends exactly once",
                            label(i) + " " + calls.get(i) + " ended " + endings[i] + " times");
                }
            }
            for (ScalingOperation op : ScalingOperation.values()) {
                long started = metrics.count(op, ScalingOutcome.STARTED);
                long ended = metrics.count(op, ScalingOutcome.COMPLETED) + metrics.count(op, ScalingOutcome.FAILED)
                        + metrics.count(op, ScalingOutcome.SKIPPED);
                if (op == ScalingOperation.BOOTSTRAP_CONFIG) {
                    ended -= metrics.count(op, ScalingOutcome.SKIPPED, ScalingReason.SCALING_DISABLED);
                }
                if (started != ended) {
                    return violation("termination: every started operation ends exactly once",
                            op.label() + " started " + started + " times, ended " + ended + " times");
                }
            }
            return Optional.empty();
        }

        private Optional<String[]> violation(String invariant, String observed) {
            return Optional.of(new String[] {invariant, observed + " [" + mode.label() + "]"});
        }
    }

    private List<String> poolNames() {
        List<String> names = new ArrayList<>();
        if (config != null) {
            names.addAll(config.pools().keySet());
        }
        for (String p : registered.keySet()) {
            if (!names.contains(p)) {
                names.add(p);
            }
        }
        return names;
    }

    private CanisterRole roleOf(String pool) {
        ScalePool p = config == null ? null : config.poolOrNull(pool);
        return p != null ? p.canisterRole() : new CanisterRole("worker");
    }

    private static String label(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "C" + i;
    }

    /** Configures a {@link ScheduleExplorer}. Defaults: seed mode and policy, failure budget 0, 64 steps. */
    public static final class Builder {
        private ScalingConfig config;
        private ConcurrencyMode mode = ConcurrencyMode.SEED_0_33_3;
        private ScalingPolicy policy = ScalingPolicy.seed();
        private final List<HubCall> calls = new ArrayList<>();
        private final Map<String, Integer> registered = new TreeMap<>();
        private int failureBudget;
        private int maxSteps = 64;
        private CanicError failure = CanicError.remote(ErrorCode.INTERNAL, "root rejected the create request");

        private Builder() {}

        /** The hub's scaling table; null means the hub has none. */
        public Builder config(ScalingConfig config) {
            this.config = config;
            return this;
        }

        public Builder mode(ConcurrencyMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder policy(ScalingPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** Adds concurrent calls; each is delivered to the hub exactly once, at a moment the explorer chooses. */
        public Builder call(HubCall... more) {
            calls.addAll(List.of(more));
            return this;
        }

        /** Workers already in the registry of {@code pool} before any call. */
        public Builder registered(String pool, int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("registered workers must be >= 0, got " + workers);
            }
            registered.put(pool, workers);
            return this;
        }

        /** How many create requests root may fail in one schedule. */
        public Builder failureBudget(int failures) {
            if (failures < 0) {
                throw new IllegalArgumentException("failure budget must be >= 0, got " + failures);
            }
            this.failureBudget = failures;
            return this;
        }

        /** The longest schedule explored; longer ones are cut and the result says it was truncated. */
        public Builder maxSteps(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("max steps must be >= 1, got " + steps);
            }
            this.maxSteps = steps;
            return this;
        }

        /** The error a failed create request carries (default: root's rejection, {@code policy_denied}). */
        public Builder failureError(CanicError error) {
            this.failure = Objects.requireNonNull(error);
            return this;
        }

        public ScheduleExplorer build() {
            return new ScheduleExplorer(this);
        }
    }
}
