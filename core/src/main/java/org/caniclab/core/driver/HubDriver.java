package org.caniclab.core.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.registry.ObservedRegistry;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.registry.WorkerRegistry;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.caniclab.core.workflow.WorkflowOptions;

/**
 * Executes {@link HubCall}s on one hub's {@link ScalingWorkflow} over any port, and reports what happened: one
 * orchestration event per call start and end and per create sent to root and answered, and per-pool counters of
 * creates (started, completed, failed, in flight) and of the registry's peak. The simulator, the network
 * substrates and the schedule explorer all drive the workflow through it, so the events and counters of a run mean
 * the same on every substrate.
 *
 * <pre>{@code
 * HubDriver hub = HubDriver.builder(port).config(cfg).mode(ConcurrencyMode.RESERVED).listener(events::add).build();
 * hub.execute(new HubCall.Bootstrap(), "init");
 * hub.execute(new HubCall.CreateWorker("api"), "scheduled").thenAccept(outcome -> ...);
 * long inFlight = hub.createsInFlight("api");
 * }</pre>
 *
 * <p>Events, with their details: {@code bootstrap} started, completed or failed (the error);
 * {@code create_worker} started ({@code via <trigger>}, or {@code via bootstrap} for the bootstrap's creates) and
 * completed (the principal) or failed (the error) when root answers, or skipped ({@code via <trigger>: <refusal>})
 * or failed ({@code via <trigger>: <error>}) when nothing was sent; {@code plan_create_worker} completed
 * ({@code would spawn}), skipped ({@code would not spawn}) or failed (the error). Every event is timed by the port's
 * {@link IcRuntime#now()}.
 *
 * <p>Not thread-safe, like the hub it drives: call it, and complete the port's stages, in the hub's context.
 */
public final class HubDriver {
    private final IcRuntime port;
    private final HubListener listener;
    private final ScalingWorkflow workflow;
    // Looked up by pool, never iterated: creates started, completed, failed; the registry's peak.
    private final Map<String, long[]> creates = new HashMap<>();
    private final Map<String, int[]> peaks = new HashMap<>();
    private String trigger;
    private long createsSent;
    private long callsExecuted;

    private HubDriver(Builder b, WorkerRegistry given) {
        this.port = b.port;
        this.listener = b.listener;
        WorkerRegistry registry = new ObservedRegistry(given != null ? given : new ScalingRegistry(),
                (pid, entry) -> registered(entry.pool(), pid));
        this.workflow = ScalingWorkflow.builder(new Port()).options(b).registry(registry).build();
    }

    public static Builder builder(IcRuntime port) {
        return new Builder(port);
    }

    /** The workflow this driver executes calls on (its registry, metrics and reserved counts). */
    public ScalingWorkflow workflow() {
        return workflow;
    }

    /**
     * Executes one call now. The stage completes when the call ends (for {@code create_worker}, when root's answer
     * is processed), normally, with how it ended; it never completes exceptionally.
     *
     * @param trigger why the call is made ({@code scheduled}, {@code top_up}, {@code autoscale}, ...): the detail of
     *     the {@code create_worker} events it causes
     */
    public CompletionStage<CallOutcome> execute(HubCall call, String trigger) {
        Objects.requireNonNull(trigger, "trigger");
        callsExecuted++;
        if (call instanceof HubCall.CreateWorker c) {
            return createWorker(c.pool(), trigger);
        }
        if (call instanceof HubCall.PlanCreateWorker p) {
            return CompletableFuture.completedFuture(planCreateWorker(p.pool()));
        }
        Objects.requireNonNull(call, "call");
        return bootstrap();
    }

    /** Calls executed so far. */
    public long callsExecuted() {
        return callsExecuted;
    }

    /** Creates sent to root for {@code pool}. */
    public long createsStarted(String pool) {
        return counters(pool)[0];
    }

    /** Creates for {@code pool} that returned a principal. */
    public long createsCompleted(String pool) {
        return counters(pool)[1];
    }

    /** Creates for {@code pool} that failed (root's error or a transport failure). */
    public long createsFailed(String pool) {
        return counters(pool)[2];
    }

    /** Creates for {@code pool} awaiting root's answer now. */
    public long createsInFlight(String pool) {
        long[] c = counters(pool);
        return c[0] - c[1] - c[2];
    }

    /** The most workers of {@code pool} the registry held at once, taken after every registration. */
    public int peakRegistered(String pool) {
        int[] p = peaks.get(pool);
        return p == null ? 0 : p[0];
    }

    private CompletionStage<CallOutcome> bootstrap() {
        log("", "bootstrap", "started", "");
        return workflow.bootstrapConfiguredInitialWorkers().handle((v, err) -> {
            if (err == null) {
                log("", "bootstrap", "completed", "");
                return CallOutcome.COMPLETED;
            }
            log("", "bootstrap", "failed", CanicError.classify(err).toString());
            return CallOutcome.FAILED;
        });
    }

    private CompletionStage<CallOutcome> createWorker(String pool, String via) {
        long before = createsSent;
        CompletionStage<Principal> stage;
        String outer = trigger;
        trigger = via; // the create, if any, is sent before the workflow's first await: within this call
        try {
            stage = workflow.createWorker(pool);
        } finally {
            trigger = outer;
        }
        boolean sent = createsSent != before; // then root's answer is logged by the port
        return stage.handle((pid, failure) -> {
            if (failure == null) {
                return CallOutcome.COMPLETED;
            }
            CanicError err = CanicError.classify(failure);
            if (sent) {
                return CallOutcome.FAILED;
            }
            if (err.isRefusal()) {
                log(pool, "create_worker", "skipped", "via " + via + ": " + err.getMessage());
                return CallOutcome.SKIPPED;
            }
            log(pool, "create_worker", "failed", "via " + via + ": " + err);
            return CallOutcome.FAILED;
        });
    }

    private CallOutcome planCreateWorker(String pool) {
        try {
            boolean spawn = workflow.planCreateWorker(pool);
            log(pool, "plan_create_worker", spawn ? "completed" : "skipped", spawn ? "would spawn" : "would not spawn");
            return spawn ? CallOutcome.COMPLETED : CallOutcome.SKIPPED;
        } catch (CanicError e) {
            log(pool, "plan_create_worker", "failed", e.toString());
            return CallOutcome.FAILED;
        }
    }

    private void registered(String pool, Principal pid) {
        int count = workflow.registry().countByPool(pool);
        int[] p = peaks.computeIfAbsent(pool, k -> new int[1]);
        p[0] = Math.max(p[0], count);
        listener.registered(pool, pid, count);
    }

    private long[] counters(String pool) {
        return creates.computeIfAbsent(pool, k -> new long[3]);
    }

    private void log(String pool, String call, String outcome, String detail) {
        listener.event(new HubEvent(port.now(), pool, call, outcome, detail));
    }

    /** The workflow's port: the substrate's, with every create counted and logged on its way out and back. */
    private final class Port implements IcRuntime {
        @Override
        public Principal self() {
            return port.self();
        }

        @Override
        public long now() {
            return port.now();
        }

        @Override
        public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
            String pool = request.pool();
            String via = request.cause() == CreateRequest.Cause.BOOTSTRAP ? "bootstrap" : trigger;
            if (via == null) {
                throw new IllegalStateException("create_worker sent outside any call: " + request);
            }
            createsSent++;
            counters(pool)[0]++;
            log(pool, "create_worker", "started", "via " + via);
            CompletionStage<CreateOutcome> answer;
            try {
                answer = port.createCanister(request);
            } catch (RuntimeException e) { // a port defect: still one answer per create, so the counters balance
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.handle((outcome, failure) -> {
                CreateOutcome o = failure != null ? new CreateOutcome.Failed(CanicError.classify(failure)) : outcome;
                long[] c = counters(pool);
                if (o instanceof CreateOutcome.Created created) {
                    c[1]++;
                    log(pool, "create_worker", "completed", created.pid().toText());
                } else {
                    c[2]++;
                    log(pool, "create_worker", "failed", ((CreateOutcome.Failed) o).error().toString());
                }
                return o;
            });
        }
    }

    /**
     * Configures a {@link HubDriver}: its port and listener, and the {@link WorkflowOptions} its workflow is built
     * with (the registry given, or the default one, is observed by the driver).
     */
    public static final class Builder extends WorkflowOptions<Builder> {
        private final IcRuntime port;
        private HubListener listener = HubListener.NONE;

        private Builder(IcRuntime port) {
            this.port = Objects.requireNonNull(port, "port");
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder listener(HubListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the driver and its workflow.
         *
         * @throws org.caniclab.core.config.InvalidConfigException when the table breaks Canic's validation rules
         *     and {@link #validateConfig} was not set to false
         */
        public HubDriver build() {
            return new HubDriver(this, registryOption());
        }
    }
}
