package org.caniclab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.model.IcDefaults;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.RunSettings;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ServiceModel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The simulator end to end: one operation is one whole replay of a fixed, seeded scenario through
 * {@link Simulator#run}, from wiring the engine to the {@link RunResult}. Besides runs per second, JMH
 * reports the simulator's own event counter and the requests it simulated as rates: {@code events} and
 * {@code requests}, in events/s and requests/s.
 *
 * <p>The scenario: one pool of {@value #WORKERS} workers, bootstrapped at time 0 through the hub and the
 * core workflow, then Poisson arrivals at {@value #RATE} requests/s for {@value #LOAD_SECONDS} simulated
 * seconds (about 200 000 requests), round-robin over the workers. The two benchmarks differ only in how
 * the workers serve:
 * <ul>
 *   <li>{@link #perRound}, the reference: the IC's execution model and the scenarios' default. A request
 *       waits in its worker's queue for the next round boundary, where the worker executes up to its
 *       capacity in one event: about one engine event per request (its arrival), plus one per busy worker
 *       per round (201 448 events per replay).</li>
 *   <li>{@link #continuous}: classical queueing, each worker a single server with exponential service
 *       times. Every request also draws a service time and ends with a completion of its own: about two
 *       events of the model per request (399 678 per replay). The completions are settled in closed form
 *       by the worker rather than queued in the engine (Lindley's recursion; see the simulator's
 *       {@code SingleServerService}), and counted with the engine's events, so {@code events} counts the
 *       same model events as before.</li>
 * </ul>
 *
 * <p><b>Why this pair.</b> Both replay the very same arrivals (same seed, same load stream name, so the
 * same instants: common random numbers) through the same engine, load generator, router, hub and report
 * assembly; the only difference is the serving model. So a machine that is slower today, or a change to
 * the shared parts (the event heap, the arrival process, the result), moves both sides alike and leaves
 * the ratio alone, while the ratio moves when one model's own path gets more expensive. Read it with the
 * event counts: {@code continuous} has about twice the model events of {@code perRound} for the same
 * requests, but half of them (its completions) never enter the engine's queue, so its ratio sits below the
 * ratio of their events; compare their events/s for the cost per model event directly. The
 * other candidate reference, the same scenario in the seed's concurrency mode against {@code reserved},
 * makes no useful ratio here: the mode only changes the few {@code create_worker} calls of the bootstrap,
 * so the two would time identical request handling and give 1.0 whatever happens to the simulator.
 *
 * <p>Size: one replay takes about 7 ms ({@code perRound}) and 10 ms ({@code continuous}) on the 2-core
 * development machine: long enough that JMH's per-operation overhead is nothing, short enough that a
 * 0.5 s iteration of the quick profile holds 30 to 70 replays.
 *
 * <p>Allocation: the request path allocates nothing per event (arrival times queue as primitive longs,
 * workers and arrival processes are their own reusable events), so the bytes per operation are the run's
 * fixed cost: engine, pools, hub, the result, and above all the wait and latency counts (chunks of 128
 * buckets, allocated as values first reach them) and the latency HdrHistogram built from them for the report
 * (a replay's result carries it; a sweep's runs build none): about 330 KB per-round and 415 KB continuous. The
 * {@code simulator-per-round-allocation} and {@code simulator-continuous-allocation} gates in
 * {@code gates.toml} bound them at about twice what they are; since every operation replays the same events,
 * those are bounds on bytes per event too (1.8 and 1.4 bytes per event now), and an object allocated per
 * request or per event (16 bytes or more, on 200 000 requests) breaks them several times over.
 */
// ---- Why Throughput, and not SingleShotTime ------------------------------------------------------------
// One operation takes tens of milliseconds, which is the size SingleShotTime is often chosen for. It would
// be the wrong mode here. SingleShotTime times one call per iteration and ignores the iteration *time*
// (-w, -r): with the quick profile's 2 warm-up iterations, the measured replays would be among the first
// few ever run in the JVM, still partly interpreted and C1-compiled, and the result would time the JIT
// rather than the simulator. Measured in a fresh JVM: the first per-round replay takes 148 ms (class
// loading, interpreter), the second 40 ms, the third to fifth 22-26 ms, and only from about the tenth
// (0.35 s in) does it settle at 16-18 ms. SingleShotTime is for cold start, which is not the question.
// Throughput keeps the profiles' time-based iterations: 1 s of warm-up runs 30 to 55 whole replays, enough
// for C2 to compile the event loop and everything it calls (-XX:+PrintCompilation shows C1 compiling
// Engine.runUntil, on-stack, during the first replay; C2's code, built from the profiles, needs more), and
// each 0.5-1 s measurement iteration averages 15 to 55 replays, so a GC pause or another process's burst
// inside one of them is diluted, not the whole sample.
// JMH ends an iteration only after the replay in flight and counts that replay and its time whole, so a
// long operation biases nothing. Throughput is also the mode in which @AuxCounters(OPERATIONS) counters are
// divided by the iteration's time: events/s and requests/s come out directly. The table and the gates take
// the primary score (runs/s) as time per run (they invert a throughput), so ratios stay times.
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatorBenchmark {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;

    /** Workers in the pool: initial = min = max, so the policy never creates more and the work is fixed. */
    static final int WORKERS = 4;

    /** Offered load, requests per second of simulated time. */
    static final int RATE = 5_000;

    /** Simulated seconds of load, after {@link #LOAD_FROM_NANOS}. */
    static final int LOAD_SECONDS = 40;

    /** The load starts once the bootstrap has registered every worker (at 1.2 s; see {@link #scenario}). */
    static final long LOAD_FROM_NANOS = 2 * S;

    /**
     * The simulator's counters, reported by JMH next to the primary score. {@code OPERATIONS}: JMH treats
     * each counter like the benchmark's operations and divides it by the iteration's time, so in
     * Throughput mode they print as {@code events} and {@code requests} in ops/s, that is events/s and
     * requests/s. ({@code EVENTS} would print the plain sum over the iteration, marked {@code #}: a count
     * that depends on how long the iteration ran, not a rate.) JMH finds them as public fields and resets
     * them at the start of every iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Engine events executed ({@code RunResult.header().events()}). */
        public long events;
        /** Requests that arrived at the pool (served or rejected): the simulated load. */
        public long requests;

        void add(RunResult r) {
            events += r.header().events();
            for (PoolSummary p : r.pools()) {
                requests += p.requests().arrived();
            }
        }
    }

    /**
     * The scenario of one benchmark, built once per trial ({@code @Setup} defaults to
     * {@code Level.Trial}). A {@link Scenario} is an immutable record (its lists are copied), so the same
     * instance can be replayed by every operation: nothing of a run is kept in it. What must be fresh per
     * operation is the run's state (engine clock and queue, pools, hub, workflow, random streams,
     * histograms), and {@link Simulator#run} builds all of it anew on every call. One state class per
     * benchmark, so that each fork builds and checks only the scenario it replays.
     */
    @State(Scope.Thread)
    public static class PerRoundScenario {
        Scenario scenario;

        @Setup
        public void setUp() {
            scenario = checked(scenario("bench-per-round",
                    new ServiceModel.PerRound(250, IcDefaults.QUEUE_CAPACITY)));
        }
    }

    /** As {@link PerRoundScenario}, with continuous workers (exponential service, mean 0.6 ms). */
    @State(Scope.Thread)
    public static class ContinuousScenario {
        Scenario scenario;

        @Setup
        public void setUp() {
            scenario = checked(scenario("bench-continuous",
                    new ServiceModel.Continuous(new Distribution.Exponential(600_000L), ServiceModel.UNBOUNDED)));
        }
    }

    /**
     * Fails fast, before minutes of measuring, if a change to the simulator or to the numbers here made
     * the benchmark time something else: a replay that is not deterministic (operations would then do
     * different work and the counters would not describe the timed work), a pool that never got its
     * workers (every request a cheap rejection), or a load that is not served.
     */
    static Scenario checked(Scenario s) {
        RunResult a = new Simulator().run(s, ProgressListener.NONE);
        RunResult b = new Simulator().run(s, ProgressListener.NONE);
        if (!a.equals(b)) {
            throw new IllegalStateException(s.name() + ": two replays of the same seeded scenario differ");
        }
        PoolSummary pool = a.pools().get(0);
        long expected = (long) RATE * LOAD_SECONDS;
        if (pool.workersFinal() != WORKERS || Math.abs(pool.requests().arrived() - expected) > expected / 20
                || pool.requests().rejected() != 0) {
            throw new IllegalStateException(s.name() + ": expected " + WORKERS + " workers serving about "
                    + expected + " requests without rejections; got " + pool);
        }
        return s;
    }

    /**
     * One pool under constant Poisson load, differing between the two benchmarks only in its
     * {@code service}.
     *
     * <p>The IC model keeps the defaults except the round, 100 ms instead of 900 ms (and a creation of one
     * round): the seed's bootstrap creates the workers one after another, each a call to root, a creation
     * and an answer, which at 900 ms rounds and the default 4.5 s creation would leave the pool empty for
     * half a minute of simulated time. At 100 ms all four are registered by 1.2 s, and the load, which
     * starts at 2 s, meets the whole pool. Per round, a worker gets {@value #RATE} / {@value #WORKERS} / 10 =
     * 125 requests on average against a capacity of 250 (50% utilization); the continuous servers run at
     * 5000 / 4 x 0.6 ms = 75% utilization. Neither rejects. Statistics start with the load
     * ({@code warmup}), one timeline sample per simulated second. The seed's concurrency mode, as in the
     * shipped scenarios; it only matters for the bootstrap's four creations.
     */
    static Scenario scenario(String name, ServiceModel service) {
        long end = LOAD_FROM_NANOS + LOAD_SECONDS * S;
        IcModel ic = new IcModel(100 * MS, IcDefaults.CALL_LATENCY_ROUNDS, new Distribution.Fixed(100 * MS),
                IcDefaults.CREATION_FEE_CYCLES, IcDefaults.ROOT_CYCLES, IcDefaults.SUBNET_CANISTER_LIMIT);
        PoolSpec pool = new PoolSpec("api", new CanisterRole("api_worker"),
                new ScalePoolPolicy(WORKERS, WORKERS, WORKERS), IcDefaults.INITIAL_CYCLES, service,
                RouterKind.ROUND_ROBIN, java.util.Optional.empty());
        LoadSource load = new LoadSource.Poisson("poisson-api", "api",
                List.of(new LoadSource.RateSegment(LOAD_FROM_NANOS, end, RATE, RATE)));
        return new Scenario(name, new RunSettings(42, end, LOAD_FROM_NANOS, S), ic,
                new HubSettings(ConcurrencyMode.SEED_0_33_3, true, 0), List.of(pool), List.of(load),
                List.of(), List.of(), List.of());
    }

    // ---- The benchmarks ---------------------------------------------------------------------------------
    // A new Simulator per operation: it is stateless today (run() wires a new SimulationRun), so this costs
    // one tiny object, and it keeps the benchmark honest should it ever cache something between runs (a
    // warmed-up engine, a reused histogram), which would let the second and later operations skip work a
    // real replay does. ProgressListener.NONE: the CLI's progress bar would time terminal output.
    //
    // The RunResult is returned, so JMH consumes it (dead-code elimination cannot remove the run), and the
    // counters read from it: every operation replays the same seeded scenario, so every operation executes
    // exactly the same events and requests (setUp replays twice and compares the results). That determinism
    // is what makes the figures mean something: the spread between iterations is the machine's, not the
    // workload's, and events/s is runs/s times a fixed number of events per run. (A different seed per
    // operation would change the work from one operation to the next; the counters would still divide
    // correctly, but two runs of the benchmark would no longer time the same thing.)
    //
    // Each method runs in its own forked JVM (JMH's default), so the JIT's profile of the engine's
    // megamorphic Event.fire() call and of the pool's service-model switch is that of one model only,
    // as in a real replay, not a mix of both.

    /** The reference: the IC's per-round execution model. */
    @Benchmark
    public RunResult perRound(PerRoundScenario s, Counters c) {
        RunResult r = new Simulator().run(s.scenario, ProgressListener.NONE);
        c.add(r);
        return r;
    }

    /** Continuous single-server workers with exponential service: a completion per request. */
    @Benchmark
    public RunResult continuous(ContinuousScenario s, Counters c) {
        RunResult r = new Simulator().run(s.scenario, ProgressListener.NONE);
        c.add(r);
        return r;
    }
}
