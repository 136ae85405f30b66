package org.caniclab.sim.substrate;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.collect.RunCollector;
import org.caniclab.sim.model.Formats;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;

/**
 * Replays a scenario's <em>orchestration</em> on a networked IC ({@link RemoteIc}): the core {@link HubDriver} runs
 * on one hub thread over a {@link HubPort}, so every worker is a real canister the endpoint creates. Shared by every
 * network backend; load, fault windows and timers are not replayed ({@link #unsupportedKeys}).
 *
 * <p>The run, in order: the init-time bootstrap when {@code hub.bootstrap} is true, waited for; then the
 * {@code [[calls]]} grouped by {@code at}, in time order ({@code at} only orders groups: no time is waited). A
 * group's calls — every entry's {@code count}, in file order — are issued in one task on the hub thread, so all of
 * them plan before any answer from root is processed: they overlap at their awaits, which is the seed's race on a
 * real management canister. Each group is waited for (bounded) before the next one starts.
 *
 * <p>Result: {@code simulated_seconds} is the endpoint time that elapsed; {@code events} counts the calls delivered
 * to the hub (the bootstrap, plus every {@code [[calls]]} message); per pool, the registry's final and peak counts,
 * creates as the hub sent them, no orphans (the endpoint's reply always reaches root), {@code cycles_spent} =
 * completed creates × the cycles sent per canister ({@link #cyclesPerCanister}), and no request statistics; the
 * workflow's metric rows; events timed by the endpoint's clock since the start; no timeline rows, no histograms.
 *
 * <pre>{@code
 * RunResult r = OrchestrationReplay.run(scenario, remote, "pocketic", OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
 * }</pre>
 */
public final class OrchestrationReplay {
    /** How often a replay waiting on the network looks at its stop flag. */
    public static final Duration STOP_POLL = Duration.ofMillis(100);

    /** What a network backend replays, for messages refusing the rest. */
    public static final String ACCEPTED = "[run] seed and name, [hub] mode and bootstrap, [pools.<name>] "
            + "canister_role, policy and initial_cycles, [[calls]] and expect";
    /** Default bound on one orchestration call; a group of K calls may take K times this. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** Canic's default {@code initial_cycles} for a new canister, for a scenario without pools: 5T. */
    public static final BigInteger DEFAULT_CYCLES = new BigInteger("5000000000000");
    /** The hub's principal on every network backend, as in the simulator (root is canister 0). */
    public static final Principal HUB = Principal.canisterId(1);

    private OrchestrationReplay() {}

    /**
     * The scenario keys a network backend cannot replay, as the scenario names them: {@code [[load]]},
     * {@code [[faults]]}, {@code hub.topup_interval} (a timer) and {@code pools.<name>.autoscaler} (driven by load).
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
            if (p.autoscaler().isPresent()) {
                keys.add("pools." + p.name() + ".autoscaler");
            }
        }
        return List.copyOf(keys);
    }

    /** @throws IllegalArgumentException naming the scenario's {@link #unsupportedKeys}, if it has any */
    public static void requireReplayable(Scenario scenario, String backend) {
        List<String> unsupported = unsupportedKeys(scenario);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("backend " + backend + " replays the bootstrap and [[calls]] only; "
                    + "scenario " + scenario.name() + " has " + String.join(", ", unsupported));
        }
    }

    /**
     * The cycles each created canister is given: one amount per run, the pools' {@code initial_cycles} when they all
     * agree, otherwise the largest of them (so no role gets less than it asks for); {@link #DEFAULT_CYCLES} for a
     * scenario without pools.
     */
    public static BigInteger cyclesPerCanister(Scenario scenario) {
        long max = -1;
        for (PoolSpec p : scenario.pools()) {
            max = Math.max(max, p.initialCycles());
        }
        return max < 0 ? DEFAULT_CYCLES : BigInteger.valueOf(max);
    }

    /**
     * Replays the scenario's bootstrap and calls on {@code remote}, which the caller owns (and closes).
     *
     * @param backend the backend name written to the summary
     * @param callTimeout bound on one orchestration call; the bootstrap may take it per initial worker, a group of K
     *     calls K times it
     * @throws IllegalArgumentException if the scenario has {@link #unsupportedKeys}
     * @throws SubstrateUnavailableException if the endpoint cannot be reached or does not finish a step in time
     */
    public static RunResult run(Scenario scenario, RemoteIc remote, String backend, Duration callTimeout) {
        return run(scenario, remote, backend, callTimeout, () -> false);
    }

    /**
     * As {@link #run(Scenario, RemoteIc, String, Duration)}, giving up once {@code stopRequested} says so: it is
     * polled at least every {@link #STOP_POLL} while the replay waits on the network.
     *
     * @throws RunStoppedException when the stop was requested before the replay's end (calls already sent stay sent)
     */
    public static RunResult run(Scenario scenario, RemoteIc remote, String backend, Duration callTimeout,
            BooleanSupplier stopRequested) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(stopRequested, "stopRequested");
        Objects.requireNonNull(remote, "remote");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        requireReplayable(scenario, backend);
        ExecutorService hub = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, backend + "-hub");
            t.setDaemon(true);
            return t;
        });
        try {
            return new Run(scenario, remote, backend, hub, callTimeout, stopRequested).execute();
        } finally {
            hub.shutdownNow();
        }
    }

    /** One replay; the driver and the port are touched on the hub thread only. */
    private static final class Run {
        private final Scenario scenario;
        private final RemoteIc remote;
        private final String backend;
        private final ExecutorService hub;
        private final Duration callTimeout;
        private final BooleanSupplier stopRequested;
        private final HubPort port;
        private final HubDriver driver;
        private final RunCollector collector;
        private final BigInteger cycles;
        private final long start;

        Run(Scenario scenario, RemoteIc remote, String backend, ExecutorService hub, Duration callTimeout,
                BooleanSupplier stopRequested) {
            this.scenario = scenario;
            this.stopRequested = stopRequested;
            this.remote = remote;
            this.backend = backend;
            this.hub = hub;
            this.callTimeout = callTimeout;
            this.cycles = cyclesPerCanister(scenario);
            this.port = new HubPort(remote, HUB, hub, pool -> cycles);
            this.start = port.now();
            this.collector = new RunCollector(start);
            ScalingConfig.Builder cfg = ScalingConfig.builder();
            for (PoolSpec p : scenario.pools()) {
                cfg.pool(p.name(), new ScalePool(p.role(), p.policy()));
            }
            ConcurrencyMode mode = scenario.hub().mode();
            this.driver = HubDriver.builder(port).config(cfg.build()).mode(mode).listener(collector).build();
        }

        RunResult execute() {
            long calls = 0;
            if (scenario.hub().bootstrap()) {
                calls++;
                long initial = scenario.pools().stream().mapToLong(p -> p.policy().initialWorkers()).sum();
                await(onHub(() -> {
                    port.refreshClock();
                    return driver.execute(new HubCall.Bootstrap(), "init");
                }), initial + 1, "the bootstrap");
            }
            SortedMap<Long, List<ScheduledCall>> groups = new TreeMap<>();
            for (ScheduledCall c : scenario.calls()) {
                groups.computeIfAbsent(c.atNanos(), k -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<Long, List<ScheduledCall>> g : groups.entrySet()) {
                long n = g.getValue().stream().mapToLong(ScheduledCall::count).sum();
                calls += n;
                await(onHub(() -> group(g.getValue())), n, "the " + n + " call" + (n == 1 ? "" : "s") + " at "
                        + Formats.duration(g.getKey()));
            }
            long end = remote.syncTime();
            long made = calls;
            return await(onHub(() -> CompletableFuture.completedFuture(result(end, made))), 1, "the result");
        }

        /** Issues a group's calls back to back: none of root's answers can run before the last is issued. */
        private CompletionStage<Void> group(List<ScheduledCall> group) {
            port.refreshClock();
            List<CompletableFuture<?>> stages = new ArrayList<>();
            for (ScheduledCall c : group) {
                HubCall call = switch (c.kind()) {
                    case CREATE_WORKER -> new HubCall.CreateWorker(c.pool());
                    case PLAN_CREATE_WORKER -> new HubCall.PlanCreateWorker(c.pool());
                };
                for (int i = 0; i < c.count(); i++) {
                    stages.add(driver.execute(call, "scheduled").toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0]));
        }

        private RunResult result(long end, long callsMade) {
            long each = cycles.longValueExact();
            List<RunCollector.PoolOutcome> pools = new ArrayList<>();
            for (PoolSpec spec : scenario.pools()) {
                pools.add(new RunCollector.PoolOutcome(spec.name(), spec.policy().minWorkers(),
                        spec.policy().maxWorkers(), driver.workflow().registry().countByPool(spec.name()),
                        driver.peakRegistered(spec.name()), 0,
                        Math.multiplyExact(driver.createsCompleted(spec.name()), each), Optional.empty()));
            }
            RunHeader header = new RunHeader(scenario.name(), scenario.run().seed(), backend,
                    driver.workflow().mode().label(), Math.max(0, end - start) / 1e9, callsMade);
            return collector.result(header, pools, driver, new TreeMap<>());
        }

        /** {@code f}'s value, waited for in slices of {@link #STOP_POLL} so that a stop request is seen promptly. */
        private <T> T awaitOrStop(CompletableFuture<T> f, Duration bound, String what)
                throws InterruptedException, ExecutionException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                if (stopRequested.getAsBoolean()) {
                    f.cancel(false);
                    throw new RunStoppedException(Math.max(0, remote.lastKnownTime() - start), lastCallNanos());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SubstrateUnavailableException(remote.describe() + " did not finish " + what + " within "
                            + Formats.duration(bound.toNanos()) + " (" + remote.createdCount()
                            + " canisters created so far)");
                }
                try {
                    return f.get(Math.min(left, STOP_POLL.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    // not yet: look at the stop flag and the deadline again
                }
            }
        }

        /** The scenario's last scheduled call: the replay's length in the instance's time. */
        private long lastCallNanos() {
            return scenario.calls().stream().mapToLong(ScheduledCall::atNanos).max().orElse(0);
        }

        private <T> CompletableFuture<T> onHub(Supplier<? extends CompletionStage<T>> step) {
            return CompletableFuture.supplyAsync(step, hub).thenCompose(s -> s);
        }

        private <T> T await(CompletableFuture<T> f, long calls, String what) {
            Duration bound = callTimeout.multipliedBy(Math.max(1, calls));
            T value;
            try {
                value = awaitOrStop(f, bound, what);
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
            if (port.unavailable().isPresent()) {
                throw port.unavailable().get();
            }
            return value;
        }
    }
}
