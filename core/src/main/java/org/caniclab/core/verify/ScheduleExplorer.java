package org.caniclab.core.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.MetricRow;
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
 * Runs a set of concurrent calls on one hub under every order in which they can start and in which root answers
 * their create requests (success, or one of the configured failures within a budget), and checks invariants after
 * every step. It reports the shortest schedule that breaks an invariant, the schedule with the largest overshoot of
 * {@code max_workers}, and whether the search was exhaustive.
 *
 * <pre>{@code
 * Exploration e = ScheduleExplorer.builder()
 *     .config(cfg).mode(ConcurrencyMode.SEED_0_33_3)
 *     .registered("api", 1)
 *     .call(new HubCall.Bootstrap(), new HubCall.CreateWorker("api"), new HubCall.CreateWorker("api"))
 *     .failureBudget(2)
 *     .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE)
 *     .build().explore();
 * e.shortestViolation().ifPresent(v -> System.out.print(v.render()));
 * e.worstViolation().ifPresent(v -> System.out.print(v.render()));
 * }</pre>
 *
 * <h2>What is explored</h2>
 * The hub executes as on the IC: each call's code between two awaits is atomic, so the only choices are which call
 * is delivered next, and which pending create root answers next, and how. Every call is delivered through a
 * {@link HubDriver} to the real {@link ScalingWorkflow} on a {@link ControlledIcRuntime}; nothing is modelled.
 *
 * <p>Invariants, checked in every reached state:
 * <ol>
 *   <li><b>bound</b>: registered + reserved ≤ {@code max_workers} for every pool with a maximum;</li>
 *   <li><b>registry</b>: the registry holds exactly the pre-registered workers plus the principals whose creation
 *       succeeded;</li>
 *   <li><b>recount</b>: the metric counters equal a recount from the explorer's own log of deliveries and
 *       answers;</li>
 * </ol>
 * and in every end state (no action left): <b>termination</b>, every call ended exactly once, and every started
 * metric operation ended exactly once as completed, failed or skipped. A violation does not end a schedule: the
 * search goes on past it, because the worst overshoot lies beyond the first one.
 *
 * <h2>Reductions ({@link Reduction})</h2>
 * <b>State caching.</b> After each step the run is summarised as a canonical abstract state ({@code Run.key()});
 * a state already reached is not explored again. The summary holds everything the future of the run and every
 * invariant depend on (each part is argued where it is built), so two runs with the same summary have the same
 * futures up to renaming of fresh canister ids: the same actions are enabled, each leads to equal summaries, and
 * every invariant, the overshoot and the end-state summary are functions of the summary. Cutting a revisited state
 * therefore loses no reachable state, no violation and no end state. The number of steps of every schedule reaching
 * a state is also a function of it (deliveries made plus creates answered), so the first schedule found to a state
 * is as short as any: the shortest violation and the shortest worst schedule are kept exactly. A run cannot be
 * cloned (its continuations live in the workflow's futures), so a state's successors are reached by replaying the
 * schedule that first reached it; the last successor reuses the run itself.
 *
 * <p><b>Symmetry.</b> Calls of the same kind on the same pool are interchangeable (the workflow never reads which
 * call it runs), and so are the pending creates of one pool owned by calls of one class; renaming them maps
 * schedules to schedules with the same summaries. The summary therefore counts calls and creates per class instead
 * of naming them, and from each state one representative per class is explored: the lowest-numbered undelivered
 * call, the earliest pending create. The schedule count weights each representative with its class's size.
 *
 * <p><b>Partial-order reduction</b> (sleep sets, combined with the cache as in Godefroid's method: a state
 * remembers its sleep set, and a later visit with a smaller one explores the difference). Two action classes are
 * <i>independent</i> when they concern different pools, neither belongs to a bootstrap, and not both are failures.
 * Such actions commute and neither enables nor disables the other: each reads and writes only its own pool's
 * registry count, reservation and pending creates (the policy sees only its pool's count and the shared, read-only
 * configuration), the metric counters and the explorer's tallies are sums that are the same in either order, and
 * fresh ids differ only by renaming. A bootstrap's continuation walks to the next pool, so it depends on every pool;
 * failures share one budget, so one may disable another. Dry runs ({@code plan_create_worker}) are treated like any
 * other call on their pool: their {@code plan_create} rows are recorded, not discarded, and their outcome reads the
 * pool's count, so they do not commute with creates on the same pool. Sleep sets skip only transitions whose
 * targets are reached along another order, so every state is still reached (and at the same depth); they cut
 * transitions, not states. They apply when there are at most 64 action classes.
 *
 * <p>{@link Reduction#NONE} keeps the naive search (every schedule as a tree, replayed from scratch) as the
 * reference the reductions are tested against.
 *
 * <h2>Bounds</h2>
 * A step bound ({@link Builder#maxSteps}), a state budget and a time budget. A search cut by any of them is not
 * exhaustive and its result says so ({@link Exploration#verdict()} is then never {@code HOLDS}). Memory is a few
 * arrays and one map entry per distinct state, plus one run per level of the current path.
 *
 * <p>Assumes the policy is a pure function of its arguments (as the seed's and the load-aware ones are).
 */
public final class ScheduleExplorer {
    /** Root's rejection of a create (metric reason {@code policy_denied}): the default failure. */
    public static final CanicError ROOT_REJECTION =
            CanicError.remote(ErrorCode.INTERNAL, "root rejected the create request");
    /** Root out of cycles, a rejection passed through ({@code policy_denied}, public code {@code OUT_OF_CYCLES}). */
    public static final CanicError OUT_OF_CYCLES =
            CanicError.remote(ErrorCode.INTERNAL, "root is out of cycles");
    /** The call to root failed in transport (metric reason {@code invalid_state}). */
    public static final CanicError TRANSPORT_FAILURE =
            CanicError.ops(org.caniclab.core.error.ErrorOrigin.OPS, "call to root failed: SysTransient");

    /** Pre-registered workers take ids from here, far from the ones root hands out in a schedule. */
    private static final long PRE_REGISTERED_BASE = 1L << 40;
    private static final ScalingOperation[] OPS = ScalingOperation.values();
    private static final ScalingOutcome[] OUTCOMES = ScalingOutcome.values();
    private static final ScalingReason[] REASONS = ScalingReason.values();
    private static final int DELIVER = 0;
    private static final int SUCCEED = 1; // FAIL with error k is 2 + k

    /** Which reductions the search applies; each includes the ones before it. */
    public enum Reduction {
        /** The naive search: every schedule, as a tree, replayed from scratch (the reference). */
        NONE,
        /** State caching: a state already reached is not explored again. */
        CACHE,
        /** Caching plus symmetry: one representative per class of interchangeable calls and creates. */
        SYMMETRY,
        /** Caching, symmetry and partial-order reduction (sleep sets): the default. */
        FULL;

        /** Lowercase label for text and JSON output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Told of the search's progress about every 4 096 transitions (e.g. for a progress line on a terminal). */
    @FunctionalInterface
    public interface Progress {
        /** {@code states} distinct states and {@code transitions} transitions so far; {@code depth} of the path. */
        void report(long states, long transitions, int depth);
    }

    private final ScalingConfig config;
    private final ConcurrencyMode mode;
    private final ScalingPolicy policy;
    private final List<HubCall> calls;
    private final Map<String, Integer> registered;
    private final int failureBudget;
    private final int maxSteps;
    private final List<CanicError> failures;
    private final Reduction reduction;
    private final long stateBudget;
    private final long timeBudgetNanos;
    private final LongSupplier clock;
    private final Progress progress;

    // Static layout: pools, call classes, action labels and their independence.
    private final List<String> pools = new ArrayList<>();
    private final Map<String, Integer> poolIndex = new HashMap<>(); // looked up, never iterated
    private final int[] classOf;
    private final int classCount;
    private final int[] classPool; // -1 for a bootstrap class
    private final boolean[] classIsBootstrap;
    private final int[] classSize;
    private final boolean por;
    private final long[] independent; // per label: the labels it is independent of

    // Search state.
    private long states;
    private long transitions;
    private long steps;
    private long porSkipped;
    private boolean truncated;
    private Exploration.Stop stop;
    private long deadline;
    private Found shortest;
    private int worstOver;
    private Found worst;
    private final TreeSet<String> finalStates = new TreeSet<>();
    // Cached search: one map entry and a few array slots per distinct state.
    private Map<String, Integer> index;
    private long[] sleepOf;
    private long[] pathsFrom;

    private ScheduleExplorer(Builder b) {
        this.config = b.config;
        this.mode = b.mode;
        this.policy = b.policy;
        this.calls = List.copyOf(b.calls);
        this.registered = new TreeMap<>(b.registered);
        this.failureBudget = b.failureBudget;
        this.maxSteps = b.maxSteps;
        this.failures = List.copyOf(b.failures);
        this.reduction = b.reduction;
        this.stateBudget = b.stateBudget;
        this.timeBudgetNanos = b.timeBudget == null ? 0 : b.timeBudget.toNanos();
        this.clock = b.clock;
        this.progress = b.progress;

        if (config != null) {
            config.pools().keySet().forEach(this::addPool);
        }
        registered.keySet().forEach(this::addPool);
        for (HubCall c : calls) {
            if (!(c instanceof HubCall.Bootstrap)) {
                addPool(c.pool());
            }
        }
        if (pools.isEmpty()) {
            addPool(""); // keeps the label arithmetic simple for a hub with nothing to scale
        }
        // Classes of interchangeable calls: by kind and pool under symmetry, else every call its own class.
        boolean symmetric = reduction.compareTo(Reduction.SYMMETRY) >= 0;
        classOf = new int[calls.size()];
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            String k = symmetric ? calls.get(i).label() + "/" + calls.get(i).pool() : String.valueOf(i);
            Integer c = classes.get(k);
            if (c == null) {
                c = classes.size();
                classes.put(k, c);
            }
            classOf[i] = c;
        }
        classCount = Math.max(1, classes.size());
        classPool = new int[classCount];
        classIsBootstrap = new boolean[classCount];
        classSize = new int[classCount];
        for (int i = 0; i < calls.size(); i++) {
            HubCall c = calls.get(i);
            classIsBootstrap[classOf[i]] = c instanceof HubCall.Bootstrap;
            classPool[classOf[i]] = c instanceof HubCall.Bootstrap ? -1 : poolIndex.get(c.pool());
            classSize[classOf[i]]++;
        }
        int labels = (2 + failures.size()) * classCount * pools.size();
        por = reduction == Reduction.FULL && labels <= 64;
        independent = new long[por ? labels : 0];
        for (int a = 0; a < independent.length; a++) {
            for (int other = 0; other < labels; other++) {
                if (independentLabels(a, other)) {
                    independent[a] |= 1L << other;
                }
            }
        }
    }

    private void addPool(String pool) {
        if (!poolIndex.containsKey(pool)) {
            poolIndex.put(pool, pools.size());
            pools.add(pool);
        }
    }

    private int label(int type, int cls, int pool) {
        return (type * classCount + cls) * pools.size() + pool;
    }

    /** The independence relation the partial-order reduction uses (see the class comment for why it is sound). */
    private boolean independentLabels(int a, int b) {
        int poolA = a % pools.size();
        int poolB = b % pools.size();
        int classA = (a / pools.size()) % classCount;
        int classB = (b / pools.size()) % classCount;
        int typeA = a / (pools.size() * classCount);
        int typeB = b / (pools.size() * classCount);
        if (classIsBootstrap[classA] || classIsBootstrap[classB]) {
            return false; // a bootstrap's next step may touch any pool
        }
        if (typeA >= 2 && typeB >= 2) {
            return false; // failures share one budget: one can disable the other
        }
        return poolA != poolB;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Explores every reachable state within the bounds. Deterministic unless the time budget cuts the search. */
    public Exploration explore() {
        states = 0;
        transitions = 0;
        steps = 0;
        porSkipped = 0;
        truncated = false;
        stop = Exploration.Stop.COMPLETE;
        deadline = timeBudgetNanos > 0 ? clock.getAsLong() + timeBudgetNanos : 0;
        shortest = null;
        worst = null;
        worstOver = 0;
        finalStates.clear();
        index = new HashMap<>();
        Run root = new Run(false);
        List<Action> path = new ArrayList<>();
        List<Choice> choices = root.choices();
        String key = root.key();
        long schedules;
        if (reduction == Reduction.NONE) {
            Set<String> seen = new HashSet<>();
            seen.add(key);
            states = 1;
            reached(root, path, choices);
            schedules = searchTree(root, path, choices, seen);
        } else {
            sleepOf = new long[1024];
            pathsFrom = new long[1024];
            int s = addState(key, 0);
            reached(root, path, choices);
            expand(s, root, path, choices, 0, 0, true);
            schedules = stop == Exploration.Stop.COMPLETE && porSkipped == 0 ? pathsFrom[s] : -1;
        }
        Optional<Violation> shortestV = Optional.ofNullable(shortest).map(this::render);
        Optional<Violation> worstV = Optional.ofNullable(worst).map(this::render);
        Exploration e = new Exploration(reduction, states, transitions, steps, schedules, porSkipped, truncated, stop,
                shortestV, worstOver, worstV, new ArrayList<>(finalStates));
        index = null; // the cache is not kept past the search
        sleepOf = null;
        pathsFrom = null;
        return e;
    }

    /** The naive search: every schedule as a path of a tree. Returns the number of schedules below this node. */
    private long searchTree(Run run, List<Action> path, List<Choice> choices, Set<String> seen) {
        if (choices.isEmpty()) {
            return 1;
        }
        if (path.size() >= maxSteps) {
            truncated = true;
            return 1;
        }
        long count = 0;
        for (int i = 0; i < choices.size(); i++) {
            if (outOfBudget(path.size())) {
                return count;
            }
            Run child = i == choices.size() - 1 ? run : replay(path, false);
            Action a = choices.get(i).action();
            child.apply(a);
            steps++;
            transitions++;
            path.add(a);
            if (seen.add(child.key())) {
                states++;
            }
            List<Choice> next = child.choices();
            reached(child, path, next);
            count = saturatingAdd(count, searchTree(child, path, next, seen));
            path.remove(path.size() - 1);
        }
        return count;
    }

    /**
     * The cached search from state {@code s}, which {@code run} is in. On the first visit every enabled class not
     * in {@code sleep} is explored; on a later one only the classes in {@code wake} (asleep before, awake now).
     */
    private void expand(int s, Run run, List<Action> path, List<Choice> choices, long sleep, long wake,
            boolean first) {
        if (choices.isEmpty()) {
            pathsFrom[s] = 1;
            return;
        }
        if (path.size() >= maxSteps) {
            truncated = true;
            pathsFrom[s] = 1;
            return;
        }
        List<Choice> todo = new ArrayList<>(choices.size());
        for (Choice c : choices) {
            long bit = por ? 1L << c.label() : 0;
            if (first ? (sleep & bit) == 0 : (wake & bit) != 0) {
                todo.add(c);
            } else if (first) {
                porSkipped++;
            }
        }
        long asleep = sleep;
        long count = 0;
        for (int i = 0; i < todo.size(); i++) {
            if (outOfBudget(path.size())) {
                return;
            }
            Choice c = todo.get(i);
            Run child = i == todo.size() - 1 ? run : replay(path, false);
            child.apply(c.action());
            steps++;
            transitions++;
            path.add(c.action());
            String key = child.key();
            Integer t = index.get(key);
            long childSleep = por ? asleep & independent[c.label()] : 0;
            if (t == null) {
                if (states >= stateBudget) {
                    stop = Exploration.Stop.STATE_BUDGET;
                    path.remove(path.size() - 1);
                    return;
                }
                t = addState(key, childSleep);
                List<Choice> next = child.choices();
                reached(child, path, next);
                expand(t, child, path, next, childSleep, 0, true);
            } else if (por) {
                long stored = sleepOf[t];
                long awake = stored & ~childSleep;
                if (awake != 0) {
                    sleepOf[t] = stored & childSleep;
                    expand(t, child, path, child.choices(), sleepOf[t], awake, false);
                }
            }
            count = saturatingAdd(count, saturatingMultiply(c.multiplicity(), pathsFrom[t]));
            path.remove(path.size() - 1);
            if (por) {
                asleep |= 1L << c.label();
            }
        }
        if (first) {
            pathsFrom[s] = count;
        }
    }

    private int addState(String key, long sleep) {
        int id = (int) states++;
        if (id == sleepOf.length) {
            sleepOf = java.util.Arrays.copyOf(sleepOf, id * 2);
            pathsFrom = java.util.Arrays.copyOf(pathsFrom, id * 2);
        }
        index.put(key, id);
        sleepOf[id] = sleep;
        return id;
    }

    private boolean outOfBudget(int depth) {
        if (stop != Exploration.Stop.COMPLETE) {
            return true;
        }
        if ((transitions & 0x3FF) == 0) {
            if (deadline != 0 && clock.getAsLong() - deadline > 0) {
                stop = Exploration.Stop.TIME_BUDGET;
                return true;
            }
            if (progress != null && (transitions & 0xFFF) == 0 && transitions > 0) {
                progress.report(states, transitions, depth);
            }
        }
        return false;
    }

    /** Checks a newly reached state: invariants, overshoot, and for an end state its summary. */
    private void reached(Run run, List<Action> path, List<Choice> choices) {
        int depth = path.size();
        boolean shorter = shortest == null || depth < shortest.path.size();
        String[] v = run.checkStep(shorter);
        if (v == null && choices.isEmpty()) {
            v = run.checkTerminal(shorter);
        }
        if (v != null && shorter) {
            shortest = new Found(v[0], v[1], List.copyOf(path));
        }
        int over = run.overshoot();
        if (over > worstOver || over > 0 && over == worstOver && depth < worst.path.size()) {
            worstOver = over;
            worst = new Found("bound: registered + reserved <= max_workers", run.overshootText(over),
                    List.copyOf(path));
        }
        if (choices.isEmpty()) {
            finalStates.add(run.summary());
        }
    }

    private Violation render(Found f) {
        // Replay once more, this time writing the step-by-step log the schedule is shown with.
        return new Violation(f.invariant, f.observed, replay(f.path, true).log);
    }

    private Run replay(List<Action> path, boolean logged) {
        Run run = new Run(logged);
        for (Action a : path) {
            run.apply(a);
            steps++;
        }
        return run;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** A reached schedule worth showing: the invariant, what was observed, and the actions that lead there. */
    private record Found(String invariant, String observed, List<Action> path) {}

    /** One concrete choice of the scheduler: deliver call {@code target}, or answer create#{@code target}. */
    private record Action(int type, int target) {}

    /** An enabled class of interchangeable actions: its label, the representative to run, and the class's size. */
    private record Choice(int label, Action action, int multiplicity) {}

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
        int[] createOwner = new int[8]; // create sequence -> call index
        final TreeSet<Principal> expected = new TreeSet<>();
        final List<String> log = new ArrayList<>();
        int failuresUsed;
        // the explorer's own recount of what it did
        int deliveredPlanning;
        int deliveredBootstraps;
        int succeeded;
        int failed;

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

        /** The enabled classes of actions, each with its representative, in a fixed order. */
        List<Choice> choices() {
            List<Choice> out = new ArrayList<>();
            int[] first = new int[classCount];
            int[] undelivered = new int[classCount];
            java.util.Arrays.fill(first, -1);
            for (int i = 0; i < calls.size(); i++) {
                if (!delivered[i]) {
                    int c = classOf[i];
                    if (first[c] < 0) {
                        first[c] = i;
                    }
                    undelivered[c]++;
                }
            }
            for (int c = 0; c < classCount; c++) {
                if (first[c] >= 0) {
                    out.add(new Choice(label(DELIVER, c, Math.max(0, classPool[c])), new Action(DELIVER, first[c]),
                            undelivered[c]));
                }
            }
            // Pending creates, grouped by owner class and pool; the earliest of a group represents it.
            List<ControlledIcRuntime.PendingCreate> pending = ic.pending();
            int groups = 0;
            int[] groupKey = new int[pending.size()];
            int[] groupRep = new int[pending.size()];
            int[] groupSize = new int[pending.size()];
            for (ControlledIcRuntime.PendingCreate p : pending) {
                int key = classOf[createOwner[p.sequence()]] * pools.size() + poolIndex.get(p.pool());
                int g = 0;
                while (g < groups && groupKey[g] != key) {
                    g++;
                }
                if (g == groups) {
                    groupKey[g] = key;
                    groupRep[g] = p.sequence();
                    groups++;
                }
                groupSize[g]++;
            }
            for (int g = 0; g < groups; g++) {
                int cls = groupKey[g] / pools.size();
                int pool = groupKey[g] % pools.size();
                out.add(new Choice(label(SUCCEED, cls, pool), new Action(SUCCEED, groupRep[g]), groupSize[g]));
                if (failuresUsed < failureBudget) {
                    for (int k = 0; k < failures.size(); k++) {
                        out.add(new Choice(label(2 + k, cls, pool), new Action(2 + k, groupRep[g]), groupSize[g]));
                    }
                }
            }
            return out;
        }

        void apply(Action a) {
            rows.clear();
            int before = ic.createsRequested();
            int actor;
            Principal created = null;
            if (a.type() == DELIVER) {
                actor = a.target();
                delivered[actor] = true;
                deliver(actor);
            } else if (a.type() == SUCCEED) {
                actor = createOwner[a.target()];
                created = ic.complete(pending(a.target()));
                expected.add(created);
                succeeded++;
            } else {
                actor = createOwner[a.target()];
                failuresUsed++;
                failed++;
                ic.fail(pending(a.target()), failures.get(a.type() - 2));
            }
            if (createOwner.length < ic.createsRequested()) {
                createOwner = java.util.Arrays.copyOf(createOwner, Math.max(createOwner.length * 2,
                        ic.createsRequested()));
            }
            for (int seq = before; seq < ic.createsRequested(); seq++) {
                createOwner[seq] = actor;
            }
            if (logged) { // the text is built only for the schedules shown
                log.add(describe(a, actor, created, before) + " " + rows + " " + counts());
            }
        }

        /**
         * The canonical abstract state. Each part, and why the future or an invariant needs it:
         * <ul>
         *   <li>per pool, the registry count and the reserved count: the policy and the bootstrap read exactly
         *       {@code observedCount} (registered, plus reserved in RESERVED mode), and the bound and the overshoot
         *       are computed from them;</li>
         *   <li>the registry's size and whether it holds exactly the expected principals: the registry up to
         *       renaming of fresh ids (every entry of a pool has the pool's role and time 0, pre-registered ids are
         *       fixed, fresh ids are never compared by the workflow), and the registry invariant;</li>
         *   <li>per call class: how many calls are undelivered (the deliveries still possible), awaiting root,
         *       ended exactly once, ended without awaiting anything, and ended twice or more (the termination
         *       invariant reads the endings);</li>
         *   <li>per owning call class and pool, the pending creates: which answers are possible, whose
         *       continuation runs on each (a create_worker's: release, register, end the call; a bootstrap's:
         *       go on with the next worker or pool, and the pool of its one pending create is where its loop
         *       stands; its count of workers created on that pool is irrelevant once it awaits, as its end row is
         *       then "completed" or "failed" whatever that count is);</li>
         *   <li>failures used: whether root may still fail a create;</li>
         *   <li>the explorer's tallies (creates answered with success and with failure, creates requested): the
         *       recount invariant compares them with the counters;</li>
         *   <li>every non-zero metric counter: the recount and termination invariants and the end-state summary
         *       read them (the workflow itself never does).</li>
         * </ul>
         * Left out, because neither the workflow's future nor any invariant reads them: fresh ids and the runtime's
         * id and sequence counters (renaming), the driver's own statistics (creates per pool, peaks, calls
         * executed), the observed demand (never set here, so always 0) and the clock (never moved). Under symmetry
         * the call classes group interchangeable calls, else every call is its own class.
         */
        String key() {
            StringBuilder k = new StringBuilder(96);
            for (String pool : pools) {
                k.append((char) hub.registry().countByPool(pool)).append((char) hub.reservedCount(pool));
            }
            k.append((char) hub.registry().size()).append(registryMatches() ? '1' : '0');
            boolean[] awaiting = new boolean[calls.size()];
            int[] pendingBy = new int[classCount * pools.size()];
            for (ControlledIcRuntime.PendingCreate p : ic.pending()) {
                int owner = createOwner[p.sequence()];
                awaiting[owner] = true;
                pendingBy[classOf[owner] * pools.size() + poolIndex.get(p.pool())]++;
            }
            int[] status = new int[classCount * 5];
            for (int i = 0; i < calls.size(); i++) {
                int s = !delivered[i] ? 0 : awaiting[i] ? 1 : endings[i] == 1 ? 2 : endings[i] == 0 ? 3 : 4;
                status[classOf[i] * 5 + s]++;
            }
            for (int n : status) {
                k.append((char) n);
            }
            for (int n : pendingBy) {
                k.append((char) n);
            }
            k.append((char) failuresUsed).append((char) succeeded).append((char) failed)
                    .append((char) ic.createsRequested());
            int cell = 0;
            for (ScalingOperation op : OPS) {
                for (ScalingOutcome outcome : OUTCOMES) {
                    for (ScalingReason reason : REASONS) {
                        long n = metrics.count(op, outcome, reason);
                        if (n != 0) {
                            if (n > Character.MAX_VALUE) {
                                throw new IllegalStateException("metric counter too large for the state: " + n);
                            }
                            k.append((char) cell).append((char) n);
                        }
                        cell++;
                    }
                }
            }
            return k.toString();
        }

        /** An end state as the equivalence of reductions compares it: registry counts and metric rows. */
        String summary() {
            StringBuilder b = new StringBuilder();
            for (String pool : pools) {
                b.append(pool).append(": registered ").append(hub.registry().countByPool(pool)).append("; ");
            }
            List<String> rowsNow = new ArrayList<>();
            for (MetricRow r : metrics.snapshot()) {
                rowsNow.add(r.toString());
            }
            return b.append(rowsNow).toString();
        }

        /** The largest registered + reserved - max_workers over the pools with a maximum (0 when none exceeds). */
        int overshoot() {
            int worstHere = 0;
            if (config != null) {
                for (Map.Entry<String, ScalePool> e : config.pools().entrySet()) {
                    int max = e.getValue().policy().maxWorkers();
                    if (max > 0) {
                        int held = hub.registry().countByPool(e.getKey()) + hub.reservedCount(e.getKey());
                        worstHere = Math.max(worstHere, held - max);
                    }
                }
            }
            return worstHere;
        }

        String overshootText(int over) {
            for (Map.Entry<String, ScalePool> e : config.pools().entrySet()) {
                int max = e.getValue().policy().maxWorkers();
                int held = hub.registry().countByPool(e.getKey()) + hub.reservedCount(e.getKey());
                if (max > 0 && held - max == over) {
                    return "pool '" + e.getKey() + "' holds " + held + " > max_workers " + max + ", overshoot "
                            + over + " [" + mode.label() + "]";
                }
            }
            throw new IllegalStateException("no pool overshoots by " + over);
        }

        private String describe(Action a, int actor, Principal created, int firstNewCreate) {
            StringBuilder what = new StringBuilder();
            if (a.type() == DELIVER) {
                what.append("deliver ").append(label(actor)).append(' ').append(calls.get(actor));
            } else if (a.type() == SUCCEED) {
                what.append("root creates ").append(created).append(" for ").append(label(actor))
                        .append(" (create#").append(a.target()).append(')');
            } else {
                CanicError err = failures.get(a.type() - 2);
                what.append("root fails create#").append(a.target()).append(" of ").append(label(actor))
                        .append(": ").append(err.publicCode()).append(" (").append(ScalingReason.fromError(err).label())
                        .append(')');
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
            for (String pool : pools) {
                if (pool.isEmpty()) {
                    continue;
                }
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

        /** Null when every step invariant holds; else the invariant and (when {@code text}) what was observed. */
        private String[] checkStep(boolean text) {
            if (config != null) {
                for (Map.Entry<String, ScalePool> e : config.pools().entrySet()) {
                    int max = e.getValue().policy().maxWorkers();
                    int held = hub.registry().countByPool(e.getKey()) + hub.reservedCount(e.getKey());
                    if (max > 0 && held > max) {
                        return violation("bound: registered + reserved <= max_workers", !text ? ""
                                : "pool '" + e.getKey() + "' holds " + held + " > max_workers " + max);
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
            return null;
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

        String[] checkTerminal(boolean text) {
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
            return null;
        }

        private String[] violation(String invariant, String observed) {
            return new String[] {invariant, observed + " [" + mode.label() + "]"};
        }
    }

    private CanisterRole roleOf(String pool) {
        ScalePool p = config == null ? null : config.poolOrNull(pool);
        return p != null ? p.canisterRole() : new CanisterRole("worker");
    }

    private static String label(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "C" + i;
    }

    /**
     * Configures a {@link ScheduleExplorer}. Defaults: seed mode and policy, failure budget 0 with
     * {@link #ROOT_REJECTION}, 64 steps, {@link Reduction#FULL}, a budget of 5 000 000 states and no time budget.
     */
    public static final class Builder {
        private ScalingConfig config;
        private ConcurrencyMode mode = ConcurrencyMode.SEED_0_33_3;
        private ScalingPolicy policy = ScalingPolicy.seed();
        private final List<HubCall> calls = new ArrayList<>();
        private final Map<String, Integer> registered = new TreeMap<>();
        private int failureBudget;
        private int maxSteps = 64;
        private List<CanicError> failures = List.of(ROOT_REJECTION);
        private Reduction reduction = Reduction.FULL;
        private long stateBudget = 5_000_000;
        private Duration timeBudget;
        private LongSupplier clock = System::nanoTime;
        private Progress progress;

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

        /** How many create requests root may fail in one schedule (with any of the failure errors). */
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

        /** The one error a failed create request carries (default: root's rejection, {@code policy_denied}). */
        public Builder failureError(CanicError error) {
            return failureErrors(error);
        }

        /** The errors root may fail a create with; every failure is tried with each of them. */
        public Builder failureErrors(CanicError... errors) {
            if (errors.length == 0) {
                throw new IllegalArgumentException("at least one failure error is needed");
            }
            this.failures = List.of(errors);
            return this;
        }

        /** Which reductions to apply (default {@link Reduction#FULL}; {@link Reduction#NONE} is the reference). */
        public Builder reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction);
            return this;
        }

        /** The most distinct states the search may hold; reaching it ends the search, not exhaustive. */
        public Builder stateBudget(long states) {
            if (states < 1) {
                throw new IllegalArgumentException("state budget must be >= 1, got " + states);
            }
            this.stateBudget = states;
            return this;
        }

        /** The longest the search may run (null or zero: no limit); running out ends it, not exhaustive. */
        public Builder timeBudget(Duration budget) {
            this.timeBudget = budget == null || budget.isZero() ? null : budget;
            return this;
        }

        /** The clock the time budget is measured with, in nanoseconds (default {@link System#nanoTime()}). */
        public Builder clock(LongSupplier nanos) {
            this.clock = Objects.requireNonNull(nanos);
            return this;
        }

        /** Receives progress reports during the search (default: none). */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public ScheduleExplorer build() {
            return new ScheduleExplorer(this);
        }
    }
}
