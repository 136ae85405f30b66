package org.caniclab.core.workflow;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
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
 * <p>Not thread-safe, by design: a hub is one single-threaded actor.
 */
public final class ScalingWorkflow {
    private final IcRuntime ic;
    private final Optional<ScalingConfig> config;
    private final WorkerRegistry registry;
    private final ScalingMetrics metrics;
    private final ScalingPolicy policy;
    private final ConcurrencyMode mode;
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
        metrics.started(ScalingOperation.PLAN_CREATE);
        int count = observedCount(pool);
        ScalingPlan plan;
        try {
            plan = policy.planCreateWorker(pool, count, demand(pool), config);
        } catch (CanicError err) {
            metrics.failed(ScalingOperation.PLAN_CREATE, err);
            return CompletableFuture.failedFuture(err);
        }
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
        return createFromPlan(pool, plan.poolConfig().canisterRole(), CreateRequest.Cause.CREATE_WORKER);
    }

    /**
     * {@code plan_create_worker(pool)}: the dry run. Records {@code plan_create} rows, changes nothing
     * else, and returns whether a worker would be created.
     *
     * @throws CanicError when scaling is disabled or the pool is unknown
     */
    public boolean planCreateWorker(String pool) {
        metrics.started(ScalingOperation.PLAN_CREATE);
        ScalingPlan plan;
        try {
            plan = policy.planCreateWorker(pool, observedCount(pool), demand(pool), config);
        } catch (CanicError err) {
            metrics.failed(ScalingOperation.PLAN_CREATE, err);
            throw err;
        }
        metrics.record(ScalingOperation.PLAN_CREATE,
                plan.shouldSpawn() ? ScalingOutcome.COMPLETED : ScalingOutcome.SKIPPED,
                ScalingReason.fromPlanReason(plan.reason()));
        return plan.shouldSpawn();
    }

    /**
     * The init-time bootstrap: for each pool in name order, create workers until the observed count
     * reaches {@code initial_workers}. The policy is not consulted. The first failure aborts the rest.
     */
    public CompletionStage<Void> bootstrapConfiguredInitialWorkers() {
        if (config.isEmpty()) {
            metrics.skipped(ScalingOperation.BOOTSTRAP_CONFIG, ScalingReason.SCALING_DISABLED);
            return CompletableFuture.completedFuture(null);
        }
        metrics.started(ScalingOperation.BOOTSTRAP_CONFIG);
        Bootstrap b = new Bootstrap(config.get().pools().entrySet().iterator());
        b.advance();
        return b.done;
    }

    // create_worker_from_plan (steps 8-10): shared by createWorker and the bootstrap.
    private CompletionStage<Principal> createFromPlan(String pool, CanisterRole role, CreateRequest.Cause cause) {
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
        final Iterator<Entry<String, ScalePool>> pools;
        String pool;
        ScalePool poolCfg;
        int created;

        Bootstrap(Iterator<Entry<String, ScalePool>> pools) {
            this.pools = pools;
        }

        void advance() {
            while (true) {
                if (pool == null) {
                    if (!pools.hasNext()) {
                        metrics.completed(ScalingOperation.BOOTSTRAP_CONFIG, ScalingReason.OK);
                        done.complete(null);
                        return;
                    }
                    Entry<String, ScalePool> e = pools.next();
                    pool = e.getKey();
                    poolCfg = e.getValue();
                    created = 0;
                    metrics.started(ScalingOperation.BOOTSTRAP_POOL);
                    if (poolCfg.policy().initialWorkers() == 0) {
                        metrics.skipped(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.NO_INITIAL_WORKERS);
                        pool = null;
                        continue;
                    }
                }
                int target = poolCfg.policy().initialWorkers();
                if (observedCount(pool) >= target) {
                    if (created == 0) {
                        metrics.skipped(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.TARGET_SATISFIED);
                    } else {
                        metrics.completed(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.OK);
                    }
                    pool = null;
                    continue;
                }
                CompletableFuture<Principal> step =
                        createFromPlan(pool, poolCfg.canisterRole(), CreateRequest.Cause.BOOTSTRAP).toCompletableFuture();
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
                metrics.failed(ScalingOperation.BOOTSTRAP_POOL, err);
                metrics.failed(ScalingOperation.BOOTSTRAP_CONFIG, err);
                done.completeExceptionally(err);
                return false;
            }
            created++;
            return true;
        }
    }

    /** Configures a {@link ScalingWorkflow}; defaults: no scaling table, indexed registry, seed policy, seed mode. */
    public static final class Builder {
        private final IcRuntime ic;
        private ScalingConfig config;
        private WorkerRegistry registry;
        private ScalingMetrics metrics;
        private ScalingPolicy policy;
        private ConcurrencyMode mode = ConcurrencyMode.SEED_0_33_3;

        private Builder(IcRuntime ic) {
            this.ic = Objects.requireNonNull(ic, "runtime");
        }

        /** The hub's scaling table; null (the default) means the hub has none. */
        public Builder config(ScalingConfig config) {
            this.config = config;
            return this;
        }

        public Builder registry(WorkerRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Builder metrics(ScalingMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder policy(ScalingPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder mode(ConcurrencyMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public ScalingWorkflow build() {
            return new ScalingWorkflow(this);
        }
    }
}
