package org.caniclab.sim.ic;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.driver.HubEvent;
import org.caniclab.core.driver.HubListener;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.policy.ScalingPolicy;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.load.Pool;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcDefaults;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;

/**
 * The hub canister on the simulated IC: the core {@link HubDriver} over a port whose creates travel to simulated
 * {@link Root} and back in whole rounds, completing inside the event that models the hub executing root's answer —
 * so the workflow's code between awaits runs atomically, as one message.
 *
 * <p>Every hub message executes at a round boundary, in delivery order: the seed's bootstrap at time 0, scheduled
 * calls (each of a call's {@code count} is its own message, so K calls at one instant interleave at their awaits —
 * the race), a top-up timer ({@code create_worker} on each pool whose registered count is below
 * {@code min_workers}, one call per pool per tick) and one {@link Autoscaler} per pool that has one.
 *
 * <pre>{@code
 * Hub hub = new Hub(engine, scenario, pools, streams, listener, decision -> {});
 * hub.start();                       // at time 0, before the engine runs
 * engine.runUntil(end, Long.MAX_VALUE);
 * hub.driver().createsInFlight("api");
 * }</pre>
 */
public final class Hub {
    private final Engine engine;
    private final Rounds rounds;
    private final IcModel model;
    private final HubSettings settings;
    private final Scenario scenario;
    private final SortedMap<String, Pool> pools;
    private final SortedMap<String, PoolSpec> specs = new TreeMap<>();
    private final Root root;
    private final HubDriver driver;
    private final HubListener listener;
    private final Consumer<AutoscaleDecision> autoscaleLog;
    private final Principal self = Principal.canisterId(Root.HUB_INDEX);

    /**
     * @param pools the serving side of every scenario pool, by name: a registered worker starts serving there
     * @param listener receives the hub's and root's orchestration events, in the order they happen
     * @param autoscaleLog receives the autoscalers' decisions, in the same order as the listener's events
     */
    public Hub(Engine engine, Scenario scenario, SortedMap<String, Pool> pools, RandomStreams streams,
            HubListener listener, Consumer<AutoscaleDecision> autoscaleLog) {
        this.autoscaleLog = Objects.requireNonNull(autoscaleLog, "autoscaleLog");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scenario = scenario;
        this.model = scenario.ic();
        this.rounds = new Rounds(model.roundNanos());
        // The model's records checked their values at load (latency, rounds, autoscaler, calls): not again here.
        this.settings = scenario.hub();
        this.pools = pools;
        this.listener = Objects.requireNonNull(listener, "listener");
        ScalingConfig.Builder cfg = ScalingConfig.builder();
        boolean anyAutoscaler = false;
        for (PoolSpec p : scenario.pools()) {
            cfg.pool(p.name(), new ScalePool(p.role(), p.policy()));
            specs.put(p.name(), p);
            anyAutoscaler |= p.autoscaler().isPresent();
            if (!pools.containsKey(p.name())) {
                throw new IllegalArgumentException("no serving model for pool '" + p.name() + "'");
            }
        }
        this.driver = HubDriver.builder(new Port())
                .config(cfg.build())
                .mode(settings.mode())
                .policy(anyAutoscaler ? ScalingPolicy.loadAware() : ScalingPolicy.seed())
                .listener(new HubListener() {
                    @Override
                    public void event(HubEvent e) {
                        listener.event(e);
                    }

                    @Override
                    public void registered(String pool, Principal pid, int count) {
                        pools.get(pool).addWorker(pid);
                        listener.registered(pool, pid, count);
                    }
                })
                .build();
        this.root = new Root(engine, rounds, model, scenario.faults(), streams, this::answer, listener::event);
    }

    /** The driver executing this hub's calls: its workflow, and per-pool create counters. */
    public HubDriver driver() {
        return driver;
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

    /** Registers the pools' start workers, then schedules the bootstrap, the scheduled calls, the top-up timer and the autoscalers. Call once, at time 0. */
    public void start() {
        // Before anything is scheduled: the bootstrap and the policies then see them as registered.
        for (PoolSpec p : scenario.pools()) {
            for (int i = 0; i < p.startWorkers(); i++) {
                driver.workflow().registry().upsert(root.existing(), new WorkerEntry(p.name(), p.role(), 0));
            }
        }
        if (settings.bootstrap()) {
            engine.schedule(rounds.atOrAfter(engine.now()), () -> driver.execute(new HubCall.Bootstrap(), "init"));
        }
        for (ScheduledCall c : scenario.calls()) {
            HubCall call = switch (c.kind()) {
                case CREATE_WORKER -> new HubCall.CreateWorker(c.pool());
                case PLAN_CREATE_WORKER -> new HubCall.PlanCreateWorker(c.pool());
            };
            for (int i = 0; i < c.count(); i++) {
                engine.schedule(rounds.atOrAfter(c.atNanos()), () -> driver.execute(call, "scheduled"));
            }
        }
        long topUp = settings.topUpIntervalNanos();
        if (topUp > 0) {
            new Periodic(engine, rounds, topUp, this::topUp).schedule();
        }
        for (PoolSpec p : scenario.pools()) {
            if (p.autoscaler().isPresent()) {
                HubCall call = new HubCall.CreateWorker(p.name());
                Autoscaler a = new Autoscaler(engine, p, p.autoscaler().get(), pools.get(p.name()), driver.workflow(),
                        autoscaleLog, () -> driver.execute(call, "autoscale"));
                new Periodic(engine, rounds, p.autoscaler().get().intervalNanos(), a::tick).schedule();
            }
        }
    }

    private void topUp() {
        for (PoolSpec p : scenario.pools()) {
            if (driver.workflow().registry().countByPool(p.name()) < p.policy().minWorkers()) {
                driver.execute(new HubCall.CreateWorker(p.name()), "top_up");
            }
        }
    }

    /** Root's answer executing on the hub: completes the workflow's stage in this event. */
    private void answer(RootRequest req, CreateOutcome outcome) {
        req.result.complete(outcome);
    }

    /** The hub's view of the IC: its id, the clock, and create calls to root, delivered rounds later. */
    private final class Port implements IcRuntime {
        @Override
        public Principal self() {
            return self;
        }

        @Override
        public long now() {
            return engine.now();
        }

        @Override
        public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
            RootRequest req = new RootRequest(request.pool(), request.role(), cycles(request.pool()));
            engine.schedule(rounds.after(engine.now(), model.callLatencyRounds()), () -> root.handle(req));
            return req.result;
        }
    }

    private long cycles(String pool) {
        PoolSpec spec = specs.get(pool);
        return spec != null ? spec.initialCycles() : IcDefaults.INITIAL_CYCLES;
    }
}
