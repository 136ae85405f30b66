package org.caniclab.sim.ic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.caniclab.core.driver.HubEvent;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.IcModel;

/**
 * Root and the management canister, as far as creating workers goes (semantics §4.2–§4.5). Root handles a
 * create request when it executes (a round boundary) in this order:
 * <ol>
 *   <li>fault draws, one per active fault window (stream {@code pool/<pool>/fault/<index>/<kind>});</li>
 *   <li>a transient reject: the call never reaches root (hub: Ops error, {@code invalid_state});</li>
 *   <li>a root reject (hub: root's error passed through, {@code policy_denied});</li>
 *   <li>the subnet's canister limit, counting root, the hub, every created canister (orphans too) and
 *       creations in flight;</li>
 *   <li>root's balance against the role's {@code initial_cycles}, and the attached cycles against the creation
 *       fee;</li>
 *   <li>payment: the attached cycles leave root's balance when the management call is made (so concurrent
 *       creations cannot overdraw), then the create pipeline takes {@code createLatency} (stream
 *       {@code pool/<pool>/create_latency}), continuing at the next round boundary;</li>
 *   <li>the canister id: the next index in the IC layout (root is index 0, the hub 1);</li>
 *   <li>an orphan fault: the child exists and was paid for, but root answers with an error.</li>
 * </ol>
 * Every error root answers is {@code Internal}, as Canic 0.33.3's root converts them ({@code
 * api/rpc/capability/root.rs} maps root's internal error through {@code api/error.rs}: replay, management-call
 * and propagation failures are Workflow or Ops class there); the message says which check failed. Every answer
 * reaches the hub {@code callLatencyRounds} rounds later.
 *
 * <p>Every random draw is made from a stream of the request's pool, so that what one pool asks of root never moves
 * another pool's numbers (common random numbers across pools): a change to one pool leaves the others' latencies and
 * fault draws as they were. (What pools do share is real: root's balance, the subnet's canister limit, the order of
 * canister ids.) Orphans are logged as
 * {@code root_create/orphaned} events when root creates them.
 */
public final class Root {
    /** Index of root's own canister id. */
    public static final long ROOT_INDEX = 0;
    /** Index of the hub's canister id. */
    public static final long HUB_INDEX = 1;

    private final Engine engine;
    private final Rounds rounds;
    private final IcModel model;
    private final List<FaultWindow> faults;
    private final RandomStreams streams;
    // Per pool, looked up by pool, never iterated.
    private final Map<String, SplittableRandom[]> faultRngs = new HashMap<>();
    private final Map<String, SplittableRandom> latencyRngs = new HashMap<>();
    private final BiConsumer<RootRequest, CreateOutcome> replyToHub;
    private final Consumer<HubEvent> log;
    private final boolean[] fired;

    private long cycles;
    private long nextIndex = HUB_INDEX + 1;
    private long canisters = 2; // root and the hub
    private int inFlight;
    private long orphansTotal;
    // Looked up by pool, never iterated.
    private final Map<String, long[]> perPool = new HashMap<>();

    /**
     * @param replyToHub executes on the hub with the request and root's answer; called at the hub's execution time
     * @param log receives root's own events ({@code root_create/orphaned})
     */
    Root(Engine engine, Rounds rounds, IcModel model, List<FaultWindow> faults, RandomStreams streams,
            BiConsumer<RootRequest, CreateOutcome> replyToHub, Consumer<HubEvent> log) {
        this.engine = engine;
        this.rounds = rounds;
        this.model = model;
        this.faults = List.copyOf(faults);
        this.streams = streams;
        this.fired = new boolean[FaultWindow.Kind.values().length];
        this.replyToHub = replyToHub;
        this.log = log;
        this.cycles = model.rootCycles();
    }

    public static Principal principal() {
        return Principal.canisterId(ROOT_INDEX);
    }

    /**
     * A canister that existed before the run (a pool's {@code start_workers}): the next id of the layout,
     * counted on the subnet, created by no call and paid from no balance.
     */
    public Principal existing() {
        canisters++;
        return Principal.canisterId(nextIndex++);
    }

    /** Root's cycles balance now. */
    public long cyclesBalance() {
        return cycles;
    }

    /** Canisters on the subnet: root, the hub and every created child (registered or orphaned). */
    public long canisters() {
        return canisters;
    }

    /** Cycles root paid for children of {@code pool}. */
    public long cyclesSpent(String pool) {
        long[] c = perPool.get(pool);
        return c == null ? 0 : c[0];
    }

    /** Children of {@code pool} root created but answered with an error (unknown to the hub). */
    public long orphans(String pool) {
        long[] c = perPool.get(pool);
        return c == null ? 0 : c[1];
    }

    public long orphansTotal() {
        return orphansTotal;
    }

    /** Root executes a create request now (a round boundary). */
    void handle(RootRequest req) {
        long now = engine.now();
        Arrays.fill(fired, false);
        SplittableRandom[] rngs = faultRngs.computeIfAbsent(req.pool, this::faultStreams);
        for (int i = 0; i < rngs.length; i++) {
            FaultWindow w = faults.get(i);
            if (now >= w.fromNanos() && now < w.toNanos()) {
                // Draw for every active window, whatever the others decide, to keep streams aligned.
                if (rngs[i].nextDouble() < w.probability()) {
                    fired[w.kind().ordinal()] = true;
                }
            }
        }
        if (fired[FaultWindow.Kind.TRANSIENT_REJECT.ordinal()]) {
            reply(req, CanicError.ops(ErrorOrigin.OPS,
                    "call to root rejected: SysTransient (injected transient reject)"));
            return;
        }
        if (fired[FaultWindow.Kind.ROOT_REJECT.ordinal()]) {
            reply(req, CanicError.remote(ErrorCode.INTERNAL, "root rejected the create request (injected)"));
            return;
        }
        int limit = model.subnetCanisterLimit();
        if (limit > 0 && canisters + inFlight >= limit) {
            reply(req, CanicError.remote(ErrorCode.INTERNAL, "subnet canister limit reached ("
                    + (canisters + inFlight) + "/" + limit + ")"));
            return;
        }
        if (cycles < req.initialCycles) {
            reply(req, CanicError.remote(ErrorCode.INTERNAL, "root cannot pay " + req.initialCycles
                    + " cycles for a '" + req.role + "' canister (balance " + cycles + ")"));
            return;
        }
        if (req.initialCycles < model.creationFeeCycles()) {
            reply(req, CanicError.remote(ErrorCode.INTERNAL, "create_canister: " + req.initialCycles
                    + " cycles attached, below the creation fee of " + model.creationFeeCycles()));
            return;
        }
        boolean orphan = fired[FaultWindow.Kind.ORPHAN_AFTER_CREATE.ordinal()];
        cycles -= req.initialCycles;
        pool(req.pool)[0] += req.initialCycles;
        inFlight++;
        long latency = Sampler.sample(model.createLatency(),
                latencyRngs.computeIfAbsent(req.pool, p -> streams.stream("pool/" + p + "/create_latency")));
        engine.schedule(rounds.atOrAfter(now + latency), () -> created(req, orphan));
    }

    private void created(RootRequest req, boolean orphan) {
        inFlight--;
        canisters++;
        Principal pid = Principal.canisterId(nextIndex++);
        if (orphan) {
            pool(req.pool)[1]++;
            orphansTotal++;
            log.accept(new HubEvent(engine.now(), req.pool, "root_create", "orphaned", pid.toText()));
            // The child exists and was paid for; the hub only sees the error.
            reply(req, CanicError.remote(ErrorCode.INTERNAL,
                    "failed to propagate state after creating " + pid + " (injected)"));
            return;
        }
        CreateOutcome created = new CreateOutcome.Created(pid);
        engine.schedule(rounds.after(engine.now(), model.callLatencyRounds()),
                () -> replyToHub.accept(req, created));
    }

    private SplittableRandom[] faultStreams(String pool) {
        SplittableRandom[] rngs = new SplittableRandom[faults.size()];
        for (int i = 0; i < rngs.length; i++) {
            rngs[i] = streams.stream("pool/" + pool + "/fault/" + i + "/" + faults.get(i).kind().label());
        }
        return rngs;
    }

    private long[] pool(String name) {
        return perPool.computeIfAbsent(name, k -> new long[2]);
    }

    private void reply(RootRequest req, CanicError error) {
        CreateOutcome failed = new CreateOutcome.Failed(error);
        engine.schedule(rounds.after(engine.now(), model.callLatencyRounds()),
                () -> replyToHub.accept(req, failed));
    }
}
