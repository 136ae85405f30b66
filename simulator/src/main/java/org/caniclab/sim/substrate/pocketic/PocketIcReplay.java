package org.caniclab.sim.substrate.pocketic;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.MetricRow;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.registry.ObservedRegistry;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ic.Root;
import org.caniclab.sim.scenario.Durations;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * Replays a scenario's <em>orchestration</em> against a PocketIC server, for {@code caniclab replay --backend
 * pocketic}: the core {@link ScalingWorkflow} runs on one hub thread over a {@link PocketIcRuntime}, so every
 * worker is a real canister made by PocketIC's management canister. Load, fault windows and timers are not
 * replayed ({@link #unsupportedKeys}); the simulated IC model ({@code [ic]}) is not used — the server is the IC.
 *
 * <p>The run, in order:
 * <ol>
 *   <li>a fresh instance on the server (deleted at the end), a single-threaded hub executor owned by the run,
 *       and a runtime whose sender is root ({@code Principal.canisterId(0)}; the hub is {@code canisterId(1)},
 *       as in the simulator);</li>
 *   <li>the init-time bootstrap when {@code hub.bootstrap} is true, waited for;</li>
 *   <li>the {@code [[calls]]} grouped by {@code at}, in time order ({@code at} only orders groups: no time is
 *       waited). Each group's calls — every entry's {@code count}, in file order — are issued in one task on the
 *       hub thread, so all of them plan before any answer from root is processed: they overlap at their
 *       awaits, which is the seed's race reproduced on a real management canister. The group is waited for
 *       (bounded) before the next one starts.</li>
 * </ol>
 *
 * <p>Root's creates go to PocketIC one at a time, in the order the hub issued them (a call waits in a queue
 * while it awaits root): PocketIC serialises the operations of one instance anyway, and so principals, event
 * order and event times are a function of the scenario on a deterministic server. The hub does not see the
 * difference: every issued create is in flight from the hub's point of view until its answer arrives.
 *
 * <p>Result: backend {@value #BACKEND}; {@code simulated_seconds} is the instance time that elapsed (PocketIC's
 * clock moves only by executed rounds, so it is tiny, not wall time); {@code events} counts the orchestration
 * calls delivered to the hub (the bootstrap, plus every {@code [[calls]]} message); per pool, the registry's
 * final and peak counts (the peak taken after every registration), creates as the hub sent them, no orphans
 * (PocketIC's reply always reaches root), {@code cycles_spent} = completed creates x the cycles sent per
 * canister ({@link #cyclesPerCanister}), and no request statistics; the workflow's metric rows; events in the
 * order they happened, timed by the instance clock since the start; no timeline rows and no histograms.
 *
 * <pre>{@code
 * try (PocketIcClient client = PocketIcClient.connect(URI.create("http://127.0.0.1:8080"))) {
 *     RunResult r = PocketIcReplay.replay(scenario, client);
 *     int peak = r.pools().get(0).workersPeak();
 * }
 * }</pre>
 */
public final class PocketIcReplay {
    /** The backend name written to {@code summary.json}. */
    public static final String BACKEND = "pocketic";
    /** What this backend replays, for messages refusing the rest. */
    public static final String ACCEPTED = "[run] seed and name, [hub] mode and bootstrap, [pools.<name>] "
            + "canister_role, policy and initial_cycles, [[calls]] and expect";
    /** Default bound on one orchestration call; a group of K calls may take K times this. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

    static final Principal ROOT = Principal.canisterId(Root.ROOT_INDEX);
    static final Principal HUB = Principal.canisterId(Root.HUB_INDEX);

    private PocketIcReplay() {}

    /**
     * The scenario keys this backend cannot replay, as the scenario names them: {@code [[load]]},
     * {@code [[faults]]}, {@code hub.topup_interval} (a timer) and {@code pools.<name>.autoscaler} (driven by
     * load). Empty when the scenario can be replayed.
     */
    public static List<String> unsupportedKeys(Scenario scenario) {
        List<String> keys = new ArrayList<>();
        if (!scenario.loads().isEmpty()) {
            keys.add("[[load]]");
        }
        if (!scenario.faults().isEmpty()) {
            keys.add("[[faults]]");
        }
        if (scenario.hub().topUpIntervalNanos() > 0) {
            keys.add("hub.topup_interval");
        }
        for (PoolSpec p : scenario.pools()) {
            if (p.autoscaler() != null) {
                keys.add("pools." + p.name() + ".autoscaler");
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The cycles each created canister is given: one amount per run, as {@link PocketIcRuntime} sends one. It
     * is the pools' {@code initial_cycles} when they all agree, otherwise the largest of them (so no role gets
     * less than it asks for); {@link PocketIcRuntime#DEFAULT_CYCLES} for a scenario without pools.
     */
    public static BigInteger cyclesPerCanister(Scenario scenario) {
        long max = -1;
        for (PoolSpec p : scenario.pools()) {
            max = Math.max(max, p.initialCycles());
        }
        return max < 0 ? PocketIcRuntime.DEFAULT_CYCLES : BigInteger.valueOf(max);
    }

    /** Replays with {@link #DEFAULT_CALL_TIMEOUT}. */
    public static RunResult replay(Scenario scenario, PocketIcClient client) {
        return replay(scenario, client, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Replays the scenario's bootstrap and calls on a fresh instance of {@code client}'s server.
     *
     * @param callTimeout bound on one orchestration call; the bootstrap may take it per initial worker, a group
     *     of K calls K times it
     * @throws IllegalArgumentException if the scenario has {@link #unsupportedKeys}
     * @throws SubstrateUnavailableException if the server cannot be reached, cannot create an instance, or does
     *     not finish a step in time
     */
    public static RunResult replay(Scenario scenario, PocketIcClient client, Duration callTimeout) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(client, "client");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        List<String> unsupported = unsupportedKeys(scenario);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("backend " + BACKEND + " replays the bootstrap and [[calls]] only; "
                    + "scenario " + scenario.name() + " has " + String.join(", ", unsupported));
        }
        PocketIcInstance instance = setUp(client, "create an instance", () -> {
            client.status();
            return client.createInstance();
        });
        ExecutorService hub = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pocketic-hub-" + instance.id());
            t.setDaemon(true);
            return t;
        });
        RuntimeException failure = null;
        try {
            PocketIcRuntime runtime = setUp(client, "read the instance time", () -> PocketIcRuntime
                    .builder(instance, HUB, hub)
                    .sender(ROOT)
                    .cyclesPerCanister(cyclesPerCanister(scenario))
                    .ioThreads(1) // one create at a time (see the class doc): more threads would idle
                    .build());
            try {
                return new Run(scenario, client, runtime, hub, callTimeout).execute();
            } finally {
                runtime.close();
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            hub.shutdownNow();
            try {
                instance.close();
            } catch (RuntimeException e) {
                // The result does not depend on the instance any more; a server that went away takes it along.
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** Set-up steps: a server that answers but cannot do them is as unusable as one that does not answer. */
    private static <T> T setUp(PocketIcClient client, String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (PocketIcException e) {
            throw new SubstrateUnavailableException("PocketIC server at " + client.serverUrl() + " cannot " + what
                    + ": " + e.getMessage(), e);
        }
    }

    /** One replay. Every field below the constructor's is touched on the hub thread only. */
    private static final class Run implements IcRuntime {
        private final Scenario scenario;
        private final PocketIcClient client;
        private final PocketIcRuntime runtime;
        private final ExecutorService hub;
        private final Duration callTimeout;
        private final ScalingWorkflow workflow;
        private final String[] configOrder;
        private final long start;

        private final List<OrchestrationEvent> events = new ArrayList<>();
        // Looked up by pool, never iterated: creates started, completed, failed; peak registered.
        private final Map<String, long[]> creates = new HashMap<>();
        private final Map<String, int[]> peaks = new HashMap<>();
        private final Queue<Pending> toSend = new ArrayDeque<>();
        private boolean sending;
        private long clock;
        private String contextPool;
        private int bootstrapPool = -1;
        private ScalingOutcome lastPlanOutcome;
        private long createsIssued;

        Run(Scenario scenario, PocketIcClient client, PocketIcRuntime runtime, ExecutorService hub,
                Duration callTimeout) {
            this.scenario = scenario;
            this.client = client;
            this.runtime = runtime;
            this.hub = hub;
            this.callTimeout = callTimeout;
            ScalingConfig.Builder cfg = ScalingConfig.builder();
            for (PoolSpec p : scenario.pools()) {
                cfg.pool(p.name(), new ScalePool(p.role(), p.policy()));
            }
            ScalingConfig config = cfg.build();
            this.configOrder = config.pools().keySet().toArray(new String[0]);
            ConcurrencyMode mode = scenario.hub().mode() == null ? ConcurrencyMode.SEED_0_33_3 : scenario.hub().mode();
            this.workflow = ScalingWorkflow.builder(this)
                    .config(config)
                    .mode(mode)
                    .metrics(new ScalingMetrics(this::metricRecorded))
                    .registry(new ObservedRegistry(new ScalingRegistry(), (pid, entry) -> {
                        int[] p = peaks.computeIfAbsent(entry.pool(), k -> new int[1]);
                        p[0] = Math.max(p[0], registered(entry.pool()));
                    }))
                    .build();
            this.start = runtime.now();
            this.clock = start;
        }

        /** Registered workers of {@code pool}; read by the peak tracker after each registration. */
        private int registered(String pool) {
            return workflow.registry().countByPool(pool);
        }

        RunResult execute() {
            long calls = 0;
            if (scenario.hub().bootstrap()) {
                calls++;
                long initial = scenario.pools().stream().mapToLong(p -> p.policy().initialWorkers()).sum();
                await(onHub(this::bootstrap), initial + 1, "the bootstrap");
            }
            SortedMap<Long, List<ScheduledCall>> groups = new TreeMap<>();
            for (ScheduledCall c : scenario.calls()) {
                groups.computeIfAbsent(c.atNanos(), k -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<Long, List<ScheduledCall>> g : groups.entrySet()) {
                long n = g.getValue().stream().mapToLong(ScheduledCall::count).sum();
                calls += n;
                await(onHub(() -> group(g.getValue())), n, "the " + n + " call" + (n == 1 ? "" : "s") + " at "
                        + Durations.format(g.getKey()));
            }
            long end = setUp(client, "read the instance time", runtime::syncTime);
            long made = calls;
            return await(onHub(() -> CompletableFuture.completedFuture(result(end, made))), 1, "the result");
        }

        // ---- on the hub thread -----------------------------------------------------------------------------

        private CompletionStage<Void> bootstrap() {
            clock = runtime.now();
            log("", "bootstrap", "started", "");
            return workflow.bootstrapConfiguredInitialWorkers().handle((v, err) -> {
                if (err == null) {
                    log("", "bootstrap", "completed", "");
                } else {
                    log("", "bootstrap", "failed", CanicError.classify(err).toString());
                }
                return null;
            });
        }

        /** Issues a group's calls back to back: none of root's answers can run before the last is issued. */
        private CompletionStage<Void> group(List<ScheduledCall> group) {
            clock = runtime.now();
            List<CompletableFuture<?>> stages = new ArrayList<>();
            for (ScheduledCall c : group) {
                for (int i = 0; i < c.count(); i++) {
                    switch (c.kind()) {
                        case CREATE_WORKER -> stages.add(createWorker(c.pool()));
                        case PLAN_CREATE_WORKER -> planCreateWorker(c.pool());
                    }
                }
            }
            return CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0]));
        }

        /** One {@code create_worker}; the stage completes (never exceptionally) once its outcome is logged. */
        private CompletableFuture<Void> createWorker(String pool) {
            long before = createsIssued;
            contextPool = pool;
            CompletionStage<Principal> stage;
            try {
                stage = workflow.createWorker(pool);
            } finally {
                contextPool = null;
            }
            boolean sent = createsIssued != before; // then root's answer logs the outcome
            return stage.toCompletableFuture().handle((pid, err) -> {
                if (err != null && !sent) {
                    CanicError e = CanicError.classify(err);
                    boolean refused = lastPlanOutcome == ScalingOutcome.SKIPPED;
                    log(pool, "create_worker", refused ? "skipped" : "failed",
                            "via scheduled: " + (refused ? e.getMessage() : e.toString()));
                }
                return null;
            });
        }

        private void planCreateWorker(String pool) {
            try {
                boolean spawn = workflow.planCreateWorker(pool);
                log(pool, "plan_create_worker", spawn ? "completed" : "skipped",
                        spawn ? "would spawn" : "would not spawn");
            } catch (CanicError e) {
                log(pool, "plan_create_worker", "failed", e.toString());
            }
        }

        private void metricRecorded(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
            if (op == ScalingOperation.BOOTSTRAP_POOL && outcome == ScalingOutcome.STARTED) {
                bootstrapPool++;
            } else if (op == ScalingOperation.PLAN_CREATE) {
                lastPlanOutcome = outcome;
            }
        }

        // The workflow's port: the hub's identity, the instance clock as of the last answer, and root.

        @Override
        public Principal self() {
            return runtime.self();
        }

        /**
         * The instance time read after the last create (or at the start of the step): stable while creates are
         * in flight, unlike {@link PocketIcRuntime#now()}, which the I/O thread moves.
         */
        @Override
        public long now() {
            return clock;
        }

        @Override
        public CompletionStage<Principal> createCanister(CanisterRole role, Principal parent) {
            String pool;
            String trigger;
            if (contextPool != null) {
                pool = contextPool;
                trigger = "scheduled";
            } else if (bootstrapPool >= 0 && bootstrapPool < configOrder.length) {
                pool = configOrder[bootstrapPool];
                trigger = "bootstrap";
            } else {
                throw new IllegalStateException("create_canister outside any create_worker or bootstrap");
            }
            createsIssued++;
            counters(pool)[0]++;
            log(pool, "create_worker", "started", "via " + trigger);
            Pending p = new Pending(pool, role, parent, new CompletableFuture<>());
            toSend.add(p);
            if (!sending) {
                sendNext();
            }
            return p.result;
        }

        private void sendNext() {
            Pending p = toSend.poll();
            sending = p != null;
            if (p == null) {
                return;
            }
            CompletionStage<Principal> call;
            try {
                call = runtime.createCanister(p.role, p.parent);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((pid, err) -> answered(p, pid, err));
        }

        /** Root's answer, on the hub thread: nothing else is in flight, so the runtime's clock is this answer's. */
        private void answered(Pending p, Principal pid, Throwable err) {
            clock = runtime.now();
            long[] c = counters(p.pool);
            if (err == null) {
                c[1]++;
                log(p.pool, "create_worker", "completed", pid.toText());
                p.result.complete(pid);
            } else {
                CanicError e = CanicError.classify(err);
                c[2]++;
                log(p.pool, "create_worker", "failed", e.toString());
                p.result.completeExceptionally(e);
            }
            sendNext();
        }

        private RunResult result(long end, long callsMade) {
            long cycles = runtime.cyclesPerCanister().longValueExact();
            List<PoolSummary> pools = new ArrayList<>();
            for (PoolSpec spec : scenario.pools()) {
                long[] c = counters(spec.name());
                int peak = peak(spec.name());
                int max = spec.policy().maxWorkers();
                pools.add(new PoolSummary(spec.name(), spec.policy().minWorkers(), max,
                        workflow.registry().countByPool(spec.name()), peak, PoolSummary.overshoot(peak, max),
                        c[0], c[1], c[2], 0, Math.multiplyExact(c[1], cycles), RequestStats.NONE));
            }
            List<MetricCount> metrics = new ArrayList<>();
            for (MetricRow row : workflow.metrics().snapshot()) {
                metrics.add(new MetricCount(row.operation().label(), row.outcome().label(), row.reason().label(),
                        row.count()));
            }
            RunHeader header = new RunHeader(scenario.name(), scenario.run().seed(), BACKEND,
                    workflow.mode().label(), Math.max(0, end - start) / 1e9, callsMade);
            return new RunResult(header, pools, metrics, List.of(), events(), new TreeMap<>(), List.of());
        }

        private List<OrchestrationEvent> events() {
            return List.copyOf(events);
        }

        private long[] counters(String pool) {
            return creates.computeIfAbsent(pool, k -> new long[3]);
        }

        private int peak(String pool) {
            int[] p = peaks.get(pool);
            return p == null ? 0 : p[0];
        }

        private void log(String pool, String call, String outcome, String detail) {
            events.add(new OrchestrationEvent(Math.max(0, clock - start), pool, call, outcome, detail));
        }

        // ---- waiting, on the caller's thread --------------------------------------------------------------

        private <T> CompletableFuture<T> onHub(Supplier<? extends CompletionStage<T>> step) {
            return CompletableFuture.supplyAsync(step, hub).thenCompose(s -> s);
        }

        private <T> T await(CompletableFuture<T> f, long calls, String what) {
            Duration bound = callTimeout.multipliedBy(Math.max(1, calls));
            try {
                return f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new SubstrateUnavailableException("PocketIC server at " + client.serverUrl() + " did not finish "
                        + what + " within " + Durations.format(bound.toNanos()) + " (" + runtime.createdCount()
                        + " canisters created so far)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("the hub failed in " + what, cause);
            }
        }

        /** A create the hub issued, waiting for its turn at PocketIC. */
        private record Pending(String pool, CanisterRole role, Principal parent, CompletableFuture<Principal> result) {}

    }
}
