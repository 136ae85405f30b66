package org.caniclab.sim.ic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.registry.ObservedRegistry;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.policy.ScalingPolicy;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.load.Pool;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.IcDefaults;

/**
 * The hub canister on the simulated IC: it runs the core {@link ScalingWorkflow} (one per hub) through an
 * {@link IcRuntime} whose create stages complete inside the event loop, in the event that models the hub
 * executing root's answer — so the workflow's code between awaits runs atomically, as one message.
 *
 * <p>Every hub message executes at a round boundary, in delivery order: the seed's bootstrap at time 0,
 * scheduled calls (each of a call's {@code count} is its own message, so K calls at one instant interleave
 * at their awaits — the race), a top-up timer ({@code create_worker} on each pool whose registered count is
 * below {@code min_workers}, one call per pool per tick) and one autoscaler per pool that has one.
 *
 * <p>Autoscaler: every interval, desired = ⌈arrival rate over the last interval × mean service time /
 * target utilization⌉; the policy becomes the seed's table over the floor {@code max(min_workers,
 * desired)}; when the observed count is below that floor and the last spawn is older than the cooldown, it
 * sends {@code floor − observed} {@code create_worker} messages at once (capped by the room below
 * {@code max_workers}, at least one so a refusal is recorded, and by {@value #MAX_AUTOSCALE_CALLS}).
 *
 * <p>Events: {@code create_worker} started (detail {@code via <trigger>}), completed (principal), failed
 * (error), skipped (refusal text); {@code plan_create_worker} completed/skipped/failed; {@code bootstrap}
 * started/completed/failed; {@code autoscale} scale_up/cooldown/hold; {@code root_create} orphaned.
 */
public final class Hub {
    /** Most {@code create_worker} messages an autoscaler sends in one tick. */
    public static final int MAX_AUTOSCALE_CALLS = 1024;

    private final Engine engine;
    private final Rounds rounds;
    private final IcModel model;
    private final HubSettings settings;
    private final SortedMap<String, Pool> pools;
    private final SortedMap<String, PoolSpec> specs = new TreeMap<>();
    private final List<ScheduledCall> calls;
    private final String[] configOrder;
    private final Root root;
    private final LoadAwarePolicy loadPolicy;
    private final ScalingWorkflow workflow;
    private final Principal self = Principal.canisterId(Root.HUB_INDEX);
    private final List<OrchestrationEvent> events = new ArrayList<>();
    // Looked up by pool, never iterated: created started, completed, failed.
    private final Map<String, long[]> creates = new HashMap<>();

    // Which pool a create belongs to: set around createWorker; otherwise the bootstrap's current pool.
    private String contextPool;
    private String contextTrigger;
    private int bootstrapPool = -1;
    private ScalingOutcome lastPlanOutcome;
    private long createCalls;

    /**
     * @param pools the serving side of every scenario pool, by name
     */
    public Hub(Engine engine, Scenario scenario, SortedMap<String, Pool> pools, RandomStreams streams) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.model = scenario.ic();
        this.rounds = new Rounds(model.roundNanos());
        Objects.requireNonNull(model.createLatency(), "ic.create_latency");
        if (model.callLatencyRounds() < 0) {
            throw new IllegalArgumentException("ic.call_latency_rounds is " + model.callLatencyRounds()
                    + "; accepted are integers >= 0");
        }
        this.settings = scenario.hub();
        this.pools = pools;
        this.calls = scenario.calls();
        ScalingConfig.Builder cfg = ScalingConfig.builder();
        boolean anyAutoscaler = false;
        for (PoolSpec p : scenario.pools()) {
            specs.put(p.name(), p);
            cfg.pool(p.name(), new ScalePool(p.role(), p.policy()));
            if (p.autoscaler() != null) {
                AutoscalerSpec a = p.autoscaler();
                if (!(a.targetUtilization() > 0) || a.intervalNanos() <= 0 || a.cooldownNanos() < 0) {
                    throw new IllegalArgumentException("pool '" + p.name() + "': autoscaler needs "
                            + "target_utilization > 0, interval > 0 and cooldown >= 0; got " + a);
                }
                anyAutoscaler = true;
            }
            if (!pools.containsKey(p.name())) {
                throw new IllegalArgumentException("no serving model for pool '" + p.name() + "'");
            }
        }
        ScalingConfig config = cfg.build();
        this.configOrder = config.pools().keySet().toArray(new String[0]);
        this.loadPolicy = anyAutoscaler ? new LoadAwarePolicy() : null;
        ConcurrencyMode mode = settings.mode() == null ? ConcurrencyMode.SEED_0_33_3 : settings.mode();
        this.workflow = ScalingWorkflow.builder(new Runtime())
                .config(config)
                .mode(mode)
                .policy(loadPolicy != null ? loadPolicy : ScalingPolicy.seed())
                .metrics(new ScalingMetrics(this::metricRecorded))
                .registry(new ObservedRegistry(new ScalingRegistry(), (pid, entry) -> pools.get(entry.pool()).addWorker(pid)))
                .build();
        this.root = new Root(engine, rounds, model, scenario.faults(), streams, this::answer, events);
    }

    public ScalingWorkflow workflow() {
        return workflow;
    }

    public Root root() {
        return root;
    }

    public Rounds rounds() {
        return rounds;
    }

    public Principal principal() {
        return self;
    }

    /** Orchestration events so far, in the order they happened. */
    public List<OrchestrationEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Create calls the hub sent to root for {@code pool}. */
    public long createsStarted(String pool) {
        return counters(pool)[0];
    }

    /** Create calls for {@code pool} that returned a principal. */
    public long createsCompleted(String pool) {
        return counters(pool)[1];
    }

    /** Create calls for {@code pool} that failed (root's error or a transport failure). */
    public long createsFailed(String pool) {
        return counters(pool)[2];
    }

    /** Create calls for {@code pool} awaiting root's answer now. */
    public long createsInFlight(String pool) {
        long[] c = counters(pool);
        return c[0] - c[1] - c[2];
    }

    /** Schedules the bootstrap, the scheduled calls, the top-up timer and the autoscalers. Call once, at time 0. */
    public void start() {
        if (settings.bootstrap()) {
            engine.schedule(rounds.atOrAfter(engine.now()), this::bootstrap);
        }
        for (ScheduledCall c : calls) {
            if (c.count() < 0 || c.atNanos() < 0) {
                throw new IllegalArgumentException("call " + c + ": accepted are count >= 0 and at >= 0");
            }
            for (int i = 0; i < c.count(); i++) {
                engine.schedule(rounds.atOrAfter(c.atNanos()), () -> scheduledCall(c));
            }
        }
        long topUp = settings.topUpIntervalNanos();
        if (topUp > 0) {
            new Periodic(topUp, this::topUp).schedule();
        }
        for (PoolSpec p : specs.values()) {
            if (p.autoscaler() != null) {
                Autoscaler a = new Autoscaler(p);
                new Periodic(p.autoscaler().intervalNanos(), a::tick).schedule();
            }
        }
    }

    private void bootstrap() {
        log("", "bootstrap", "started", "");
        workflow.bootstrapConfiguredInitialWorkers().whenComplete((v, err) -> {
            if (err == null) {
                log("", "bootstrap", "completed", "");
            } else {
                log("", "bootstrap", "failed", CanicError.classify(err).toString());
            }
        });
    }

    private void scheduledCall(ScheduledCall c) {
        switch (c.kind()) {
            case CREATE_WORKER -> createWorker(c.pool(), "scheduled");
            case PLAN_CREATE_WORKER -> {
                try {
                    boolean spawn = workflow.planCreateWorker(c.pool());
                    log(c.pool(), "plan_create_worker", spawn ? "completed" : "skipped",
                            spawn ? "would spawn" : "would not spawn");
                } catch (CanicError e) {
                    log(c.pool(), "plan_create_worker", "failed", e.toString());
                }
            }
        }
    }

    private void topUp() {
        for (PoolSpec p : specs.values()) {
            if (workflow.registry().countByPool(p.name()) < p.policy().minWorkers()) {
                createWorker(p.name(), "top_up");
            }
        }
    }

    /** One {@code create_worker(pool)} executing now on the hub. */
    private void createWorker(String pool, String trigger) {
        long before = createCalls;
        contextPool = pool;
        contextTrigger = trigger;
        CompletionStage<Principal> stage;
        try {
            stage = workflow.createWorker(pool);
        } finally {
            contextPool = null;
            contextTrigger = null;
        }
        if (createCalls != before) {
            return; // root's answer logs the outcome
        }
        CompletableFuture<Principal> f = stage.toCompletableFuture();
        if (!f.isDone()) {
            return;
        }
        try {
            f.join();
        } catch (CompletionException e) {
            CanicError err = CanicError.classify(e);
            boolean refused = lastPlanOutcome == ScalingOutcome.SKIPPED;
            log(pool, "create_worker", refused ? "skipped" : "failed",
                    "via " + trigger + ": " + (refused ? err.getMessage() : err.toString()));
        }
    }

    private void metricRecorded(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
        if (op == ScalingOperation.BOOTSTRAP_POOL && outcome == ScalingOutcome.STARTED) {
            bootstrapPool++;
        } else if (op == ScalingOperation.PLAN_CREATE) {
            lastPlanOutcome = outcome;
        }
    }

    /** The hub's side of {@code createCanister}: send the request; root answers through {@link #answer}. */
    private CompletionStage<Principal> sendCreate(CanisterRole role) {
        String pool;
        String trigger;
        if (contextPool != null) {
            pool = contextPool;
            trigger = contextTrigger;
        } else if (bootstrapPool >= 0 && bootstrapPool < configOrder.length) {
            pool = configOrder[bootstrapPool];
            trigger = "bootstrap";
        } else {
            throw new IllegalStateException("create_canister outside any create_worker or bootstrap");
        }
        createCalls++;
        PoolSpec spec = specs.get(pool);
        long initialCycles = spec != null ? spec.initialCycles() : IcDefaults.INITIAL_CYCLES;
        CreateRequest req = new CreateRequest(pool, role, initialCycles, trigger);
        counters(pool)[0]++;
        log(pool, "create_worker", "started", "via " + trigger);
        engine.schedule(rounds.after(engine.now(), model.callLatencyRounds()), () -> root.handle(req));
        return req.result;
    }

    /** Root's answer executing on the hub: completes the workflow's stage in this event. */
    private void answer(CreateRequest req, Object answer) {
        long[] c = counters(req.pool);
        if (answer instanceof Principal pid) {
            c[1]++;
            log(req.pool, "create_worker", "completed", pid.toText());
            req.result.complete(pid);
            return;
        }
        CanicError err = answer instanceof Root.Orphan o ? o.error() : (CanicError) answer;
        c[2]++;
        log(req.pool, "create_worker", "failed", err.toString());
        req.result.completeExceptionally(err);
    }

    private long[] counters(String pool) {
        return creates.computeIfAbsent(pool, k -> new long[3]);
    }

    private void log(String pool, String call, String outcome, String detail) {
        events.add(new OrchestrationEvent(engine.now(), pool, call, outcome, detail));
    }

    /** The hub's view of the IC: its id, the clock, and create calls to root. */
    private final class Runtime implements IcRuntime {
        @Override
        public Principal self() {
            return self;
        }

        @Override
        public long now() {
            return engine.now();
        }

        @Override
        public CompletionStage<Principal> createCanister(CanisterRole role, Principal parent) {
            return sendCreate(role);
        }
    }

    /** A hub timer: tick k at the first boundary at or after k·interval, at most one tick per round. */
    private final class Periodic {
        private final long interval;
        private final Runnable action;
        private long k = 1;

        Periodic(long interval, Runnable action) {
            this.interval = interval;
            this.action = action;
        }

        void schedule() {
            while (true) {
                long nominal;
                try {
                    nominal = Math.multiplyExact(k, interval);
                } catch (ArithmeticException beyondTime) {
                    return;
                }
                if (nominal > Long.MAX_VALUE - rounds.roundNanos()) {
                    return;
                }
                long at = rounds.atOrAfter(nominal);
                if (at > engine.now()) {
                    engine.schedule(at, this::fire);
                    return;
                }
                k++;
            }
        }

        private void fire() {
            action.run();
            k++;
            schedule();
        }
    }

    /** The load-aware autoscaler of one pool. */
    private final class Autoscaler {
        private final PoolSpec spec;
        private final Pool pool;
        private long lastTick;
        private long lastArrivals;
        private boolean spawned;
        private long lastSpawn;
        private int lastDesired = -1;

        Autoscaler(PoolSpec spec) {
            this.spec = spec;
            this.pool = pools.get(spec.name());
        }

        void tick() {
            long now = engine.now();
            AutoscalerSpec a = spec.autoscaler();
            long arrivals = pool.arrivalsTotal() - lastArrivals;
            double seconds = (now - lastTick) / 1e9;
            lastArrivals = pool.arrivalsTotal();
            lastTick = now;
            double rate = seconds > 0 ? arrivals / seconds : 0;
            double need = rate * pool.meanServiceNanos() / 1e9 / a.targetUtilization();
            int desired = (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.ceil(need - 1e-9)));
            loadPolicy.setDesired(spec.name(), desired);
            ScalePoolPolicy policy = spec.policy();
            int floor = Math.max(policy.minWorkers(), desired);
            int observed = workflow.observedCount(spec.name());
            int deficit = floor - observed;
            String detail = "desired=" + desired + " workers=" + observed + " arrivals=" + arrivals;
            if (deficit > 0) {
                if (spawned && now - lastSpawn < a.cooldownNanos()) {
                    log(spec.name(), "autoscale", "cooldown", detail);
                } else {
                    int room = policy.maxWorkers() > 0 ? Math.max(1, policy.maxWorkers() - observed) : deficit;
                    int n = Math.min(Math.min(deficit, room), MAX_AUTOSCALE_CALLS);
                    spawned = true;
                    lastSpawn = now;
                    log(spec.name(), "autoscale", "scale_up", detail + " calls=" + n);
                    for (int i = 0; i < n; i++) {
                        engine.schedule(now, () -> createWorker(spec.name(), "autoscale"));
                    }
                }
            } else if (desired != lastDesired) {
                log(spec.name(), "autoscale", "hold", detail);
            }
            lastDesired = desired;
        }
    }
}
