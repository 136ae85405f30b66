package org.caniclab.core.workflow;

import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.ic.Utf8;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.policy.ScalingPlan;
import org.caniclab.core.policy.ScalingPolicy;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.registry.WorkerRegistry;

/**
 * Canic 0.33.3's scaling workflow on one hub: the only place that sequences policy, calls to root,
 * registry writes and metrics (spec §1.4–§1.6). It never blocks: each call returns a stage that completes
 * when the last await resumes, and the code between awaits runs atomically in the hub's context (see
 * {@link IcRuntime}).
 *
 * <pre>{@code
 * ScalingWorkflow hub = ScalingWorkflow.builder(runtime)
 *     .config(cfg)                                  // omit for a hub without a scaling table
 *     .mode(ConcurrencyMode.RESERVED)
 *     .build();
 * hub.bootstrapConfiguredInitialWorkers();
 * hub.createWorker("api").whenComplete((pid, err) -> ...);   // err is a CanicError
 * boolean wouldSpawn = hub.planCreateWorker("api");          // dry run, throws CanicError
 * }</pre>
 *
 * <p>The builder validates the configuration it is given with Canic's rules ({@link ScalingConfigValidator}: an
 * invalid one is an {@link org.caniclab.core.config.InvalidConfigException}), as a Canic canister refuses to start
 * with a configuration its build-time validation rejects. {@code validateConfig(false)} skips that, to study what the
 * runtime does with such a configuration.
 *
 * <p>Traps. Canic builds a worker entry's pool name as a {@code BoundedString64} and panics when the name has more
 * than 64 bytes (validation allows 40, so only a configuration that skipped it has one): in the policy when a plan
 * spawns ({@code create_worker} and the dry run), and in the bootstrap before each creation. The panic is before the
 * message's await, so the message traps: root is never called, nothing is created, and the message's state —
 * metric rows included — is rolled back. Here the workflow decides the trap before it records anything of the
 * message and fails the call with {@link CanicError#trap}; no metric row is recorded and nothing is sent. In the
 * bootstrap, the message that traps is the one that reaches the long-named pool: the timer's first segment, or
 * the resumption after the previous pool's last creation, whose registration of that worker is rolled back too
 * (root created it; the hub forgets it, an orphan), as is the release of its reservation in the reserved mode.
 *
 * <p>The dry run. On the IC {@code plan_create_worker} is a query (the test hub's {@code #[canic_query]}), so the
 * metric rows it records are discarded with the rest of its state. The workflow does the same by default;
 * {@code keepDryRunRows(true)} keeps them, which is <em>not</em> what the IC does (an update call would keep them).
 *
 * <p>Not thread-safe, by design: a hub is one single-threaded actor.
 */
public final class ScalingWorkflow {
    private final IcRuntime ic;
    private final Optional<ScalingConfig> config;
    private final WorkerRegistry registry;
    private final ScalingMetrics metrics;
    private final ScalingPolicy policy;
    private final ConcurrencyMode mode;
    private final boolean keepDryRunRows;
    // Looked up by pool, never iterated: counts of creations awaiting root in RESERVED mode.
    private final Map<String, int[]> reserved = new HashMap<>();
    // Looked up by pool, never iterated: the workers each pool's observed load asks for (the policy's input).
    private final Map<String, Integer> demand = new HashMap<>();

    private ScalingWorkflow(Builder b) {
        this.ic = b.ic;
        this.config = Optional.ofNullable(b.config);
        this.registry = b.registry != null ? b.registry : new ScalingRegistry();
        this.metrics = b.metrics != null ? b.metrics : new ScalingMetrics();
        this.policy = b.policy != null ? b.policy : ScalingPolicy.seed();
        this.mode = b.mode;
        this.keepDryRunRows = b.keepDryRunRows;
    }

    public static Builder builder(IcRuntime ic) {
        return new Builder(ic);
    }

    public WorkerRegistry registry() {
        return registry;
    }

    public ScalingMetrics metrics() {
        return metrics;
    }

    public ConcurrencyMode mode() {
        return mode;
    }

    public Optional<ScalingConfig> config() {
        return config;
    }

    /** True when dry runs record their metric rows, which the IC discards (see the class comment). */
    public boolean keepsDryRunRows() {
        return keepDryRunRows;
    }

    /** Creations of {@code pool} awaiting root that hold a reservation (always 0 in the seed's mode). */
    public int reservedCount(String pool) {
        int[] r = reserved.get(pool);
        return r == null ? 0 : r[0];
    }

    /**
     * Records the workers {@code pool}'s observed load asks for, which the policy receives as its
     * {@code demand} input on every later plan (an autoscaler's measurement; 0 until set).
     */
    public void observeDemand(String pool, int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("demand must be >= 0, got " + workers);
        }
        demand.put(pool, workers);
    }

    /** The demand last observed for {@code pool} (0 when none was). */
    public int demand(String pool) {
        return demand.getOrDefault(pool, 0);
    }

    /** The count the policy and the bootstrap loop observe: registered, plus reserved in RESERVED mode. */
    public int observedCount(String pool) {
        int n = registry.countByPool(pool);
        return mode == ConcurrencyMode.RESERVED ? n + reservedCount(pool) : n;
    }

    /**
     * {@code create_worker(pool)}: plans, and if the plan spawns, creates one worker through root and
     * registers it. Refusals and errors fail the stage with a {@link CanicError}; a refusal (decided before any
     * call to root) is one whose {@link CanicError#isRefusal()} is true.
     */
    public CompletionStage<Principal> createWorker(String pool) {
        // The segment up to the await is planned before its first row is recorded, so that a trap in it (the
        // plan's pool name, below) records nothing; without a trap the rows are the same as Canic's, in its order.
        int count = observedCount(pool);
        ScalingPlan plan;
        try {
            plan = policy.planCreateWorker(pool, count, demand(pool), config);
        } catch (CanicError err) {
            metrics.started(ScalingOperation.PLAN_CREATE);
            metrics.failed(ScalingOperation.PLAN_CREATE, err);
            return CompletableFuture.failedFuture(err);
        }
        if (trapsBuildingEntry(plan)) {
            return CompletableFuture.failedFuture(storedNameTrap(pool));
        }
        metrics.started(ScalingOperation.PLAN_CREATE);
        ScalingReason reason = ScalingReason.fromPlanReason(plan.reason());
        if (!plan.shouldSpawn()) {
            metrics.skipped(ScalingOperation.PLAN_CREATE, reason);
            return CompletableFuture.failedFuture(CanicError.refusal(plan.reasonText()));
        }
        if (plan.poolConfig() == null) { // a policy that spawns must say with which role
            metrics.failedReason(ScalingOperation.PLAN_CREATE, ScalingReason.MISSING_WORKER_ENTRY);
            return CompletableFuture.failedFuture(
                    CanicError.invariant(ErrorOrigin.WORKFLOW, "worker entry missing for spawn plan"));
        }
        metrics.completed(ScalingOperation.PLAN_CREATE, reason);
        return createFromPlan(pool, plan.poolConfig().canisterRole(), CreateRequest.Cause.CREATE_WORKER, null);
    }

    /**
     * {@code plan_create_worker(pool)}: the dry run. Changes nothing and returns whether a worker would be created.
     * Its {@code plan_create} rows are discarded, as the IC discards a query's, unless the builder's
     * {@code keepDryRunRows(true)} keeps them.
     *
     * @throws CanicError when scaling is disabled or the pool is unknown, or a {@link CanicError#trap trap} when the
     *     plan spawns for a pool whose name has more than {@value WorkerEntry#POOL_MAX_BYTES} bytes
     */
    public boolean planCreateWorker(String pool) {
        ScalingPlan plan;
        try {
            plan = policy.planCreateWorker(pool, observedCount(pool), demand(pool), config);
        } catch (CanicError err) {
            if (keepDryRunRows) {
                metrics.started(ScalingOperation.PLAN_CREATE);
                metrics.failed(ScalingOperation.PLAN_CREATE, err);
            }
            throw err;
        }
        if (trapsBuildingEntry(plan)) {
            throw storedNameTrap(pool);
        }
        if (keepDryRunRows) {
            metrics.started(ScalingOperation.PLAN_CREATE);
            metrics.record(ScalingOperation.PLAN_CREATE,
                    plan.shouldSpawn() ? ScalingOutcome.COMPLETED : ScalingOutcome.SKIPPED,
                    ScalingReason.fromPlanReason(plan.reason()));
        }
        return plan.shouldSpawn();
    }

    /** Canic's policy builds the worker entry's {@code BoundedString64} pool name for a spawning plan, and panics on it. */
    private static boolean trapsBuildingEntry(ScalingPlan plan) {
        return plan.shouldSpawn() && plan.poolConfig() != null && exceedsStoredBound(plan.pool());
    }

    private static boolean exceedsStoredBound(String pool) {
        return Utf8.length(pool) > WorkerEntry.POOL_MAX_BYTES;
    }

    /** The panic of {@code BoundedString64::new}, worded as Canic's assertion. */
    private static CanicError storedNameTrap(String pool) {
        return CanicError.trap("String '" + pool + "' too long for BoundedString<" + WorkerEntry.POOL_MAX_BYTES
                + "> (" + Utf8.length(pool) + " bytes)");
    }

    /**
     * The init-time bootstrap: for each pool in name order, create workers until the observed count
     * reaches {@code initial_workers}. The policy is not consulted. The first failure aborts the rest; a
     * {@link CanicError#trap trap} (a pool name above {@value WorkerEntry#POOL_MAX_BYTES} bytes) stops it with no
     * row of the trapping message recorded.
     */
    public CompletionStage<Void> bootstrapConfiguredInitialWorkers() {
        if (config.isEmpty()) {
            metrics.skipped(ScalingOperation.BOOTSTRAP_CONFIG, ScalingReason.SCALING_DISABLED);
            return CompletableFuture.completedFuture(null);
        }
        Bootstrap b = new Bootstrap(config.get());
        int first = b.nextCreation(0);
        if (first >= 0 && exceedsStoredBound(b.names[first])) {
            // The timer's message traps before its first await: none of its rows persist.
            return CompletableFuture.failedFuture(storedNameTrap(b.names[first]));
        }
        metrics.started(ScalingOperation.BOOTSTRAP_CONFIG);
        b.advance();
        return b.done;
    }

    // create_worker_from_plan (steps 8-10): shared by createWorker and the bootstrap (boot non-null).
    private CompletionStage<Principal> createFromPlan(String pool, CanisterRole role, CreateRequest.Cause cause,
            Bootstrap boot) {
        metrics.started(ScalingOperation.CREATE_WORKER);
        boolean holds = mode == ConcurrencyMode.RESERVED;
        if (holds) {
            reserved.computeIfAbsent(pool, k -> new int[1])[0]++;
        }
        CompletionStage<CreateOutcome> call;
        try {
            call = ic.createCanister(new CreateRequest(pool, role, ic.self(), cause));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Principal> result = new CompletableFuture<>();
        call.whenComplete((outcome, failure) -> {
            if (boot != null && failure == null && outcome instanceof CreateOutcome.Created c) {
                int trapsAt = boot.trapOnResumption(c.pid());
                if (trapsAt >= 0) {
                    // This resumption would reach a long-named pool and trap: all of it is rolled back, the
                    // reservation's release and the registration included. Root's child stays, unknown to the hub.
                    result.completeExceptionally(storedNameTrap(boot.names[trapsAt]));
                    return;
                }
            }
            // One atomic segment: release the reservation and register (or fail) together.
            if (holds) {
                reserved.get(pool)[0]--;
            }
            if (failure != null || outcome instanceof CreateOutcome.Failed) {
                CanicError err = failure != null ? CanicError.classify(failure) : ((CreateOutcome.Failed) outcome).error();
                metrics.failed(ScalingOperation.CREATE_WORKER, err);
                result.completeExceptionally(err);
                return;
            }
            Principal pid = ((CreateOutcome.Created) outcome).pid();
            metrics.completed(ScalingOperation.CREATE_WORKER, ScalingReason.OK);
            metrics.started(ScalingOperation.REGISTER_WORKER);
            registry.upsert(pid, new WorkerEntry(pool, role, ic.now() / 1_000_000_000L));
            metrics.completed(ScalingOperation.REGISTER_WORKER, ScalingReason.OK);
            result.complete(pid);
        });
        return result;
    }

    /** The bootstrap loop as a state machine, so synchronously completing runtimes do not grow the stack. */
    private final class Bootstrap {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final String[] names;
        final ScalePool[] cfgs;
        int next; // index of the pool after the current one
        String pool;
        ScalePool poolCfg;
        int created;

        Bootstrap(ScalingConfig cfg) {
            int n = cfg.pools().size();
            names = new String[n];
            cfgs = new ScalePool[n];
            int i = 0;
            for (Entry<String, ScalePool> e : cfg.pools().entrySet()) {
                names[i] = e.getKey();
                cfgs[i] = e.getValue();
                i++;
            }
        }

        /** The first pool from index {@code from} on that the loop, run now, would create a worker for; -1 if none. */
        int nextCreation(int from) {
            for (int j = from; j < names.length; j++) {
                int target = cfgs[j].policy().initialWorkers();
                if (target != 0 && Integer.compareUnsigned(observedCount(names[j]), target) < 0) {
                    return j;
                }
            }
            return -1;
        }

        /**
         * Whether the resumption that registers {@code pid} in the current pool goes on to create for a pool whose name
         * traps: the index of that pool, or -1. It creates for the current pool again while that is short of its
         * target (its name passed before the await); else for the next pool short of its target, whose counts this
         * registration does not change (root never answers with a principal registered under another pool).
         */
        int trapOnResumption(Principal pid) {
            WorkerEntry existing = registry.get(pid);
            int registered = registry.countByPool(pool) + (existing != null && existing.pool().equals(pool) ? 0 : 1);
            int after = mode == ConcurrencyMode.RESERVED ? registered + reservedCount(pool) - 1 : registered;
            if (Integer.compareUnsigned(after, poolCfg.policy().initialWorkers()) < 0) {
                return -1;
            }
            int j = nextCreation(next);
            return j >= 0 && exceedsStoredBound(names[j]) ? j : -1;
        }

        void advance() {
            while (true) {
                if (pool == null) {
                    if (next == names.length) {
                        metrics.completed(ScalingOperation.BOOTSTRAP_CONFIG, ScalingReason.OK);
                        done.complete(null);
                        return;
                    }
                    pool = names[next];
                    poolCfg = cfgs[next];
                    next++;
                    created = 0;
                    metrics.started(ScalingOperation.BOOTSTRAP_POOL);
                    if (poolCfg.policy().initialWorkers() == 0) {
                        metrics.skipped(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.NO_INITIAL_WORKERS);
                        pool = null;
                        continue;
                    }
                }
                int target = poolCfg.policy().initialWorkers();
                if (Integer.compareUnsigned(observedCount(pool), target) >= 0) {
                    if (created == 0) {
                        metrics.skipped(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.TARGET_SATISFIED);
                    } else {
                        metrics.completed(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.OK);
                    }
                    pool = null;
                    continue;
                }
                CompletableFuture<Principal> step = createFromPlan(pool, poolCfg.canisterRole(),
                        CreateRequest.Cause.BOOTSTRAP, this).toCompletableFuture();
                if (!step.isDone()) {
                    step.whenComplete((pid, err) -> {
                        if (resumed(err)) {
                            advance();
                        }
                    });
                    return;
                }
                Throwable err = step.isCompletedExceptionally() ? step.handle((v, t) -> t).join() : null;
                if (!resumed(err)) {
                    return;
                }
            }
        }

        /** Handles one creation's outcome; false when the bootstrap has failed and must stop. */
        private boolean resumed(Throwable failure) {
            if (failure != null) {
                CanicError err = CanicError.classify(failure);
                if (err.isTrap()) { // the trapping resumption records nothing
                    done.completeExceptionally(err);
                    return false;
                }
                metrics.failed(ScalingOperation.BOOTSTRAP_POOL, err);
                metrics.failed(ScalingOperation.BOOTSTRAP_CONFIG, err);
                done.completeExceptionally(err);
                return false;
            }
            created++; // a u32 in Canic, saturating; an int cannot reach 2^31 creations here
            return true;
        }
    }

    /** Configures a {@link ScalingWorkflow}: its runtime, and the {@link WorkflowOptions} with their defaults. */
    public static final class Builder extends WorkflowOptions<Builder> {
        private final IcRuntime ic;

        private Builder(IcRuntime ic) {
            this.ic = Objects.requireNonNull(ic, "runtime");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the hub.
         *
         * @throws org.caniclab.core.config.InvalidConfigException when the table breaks Canic's validation rules and
         *     {@link #validateConfig} was not set to false
         */
        public ScalingWorkflow build() {
            if (validateConfig && config != null) {
                ScalingConfigValidator.requireValid(config);
            }
            return new ScalingWorkflow(this);
        }
    }
}
