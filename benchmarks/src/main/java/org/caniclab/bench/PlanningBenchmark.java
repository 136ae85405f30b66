package org.caniclab.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.policy.PlanReason;
import org.caniclab.core.policy.ScalingPlan;
import org.caniclab.core.policy.ScalingPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Planning: one {@code plan_create_worker} decision, for each row of the seed's decision table.
 *
 * <p>Pair: {@link #planCreateWorker} (the path the workflow takes: resolve the pool in the scaling
 * table, then decide) against its reference {@link #decide} (the bare table with the floor and policy
 * already in hand). Their ratio is the price of the config lookup and of building the plan. Both must
 * allocate nothing: the {@code planning-allocation-free} gate in {@code gates.toml} holds them to
 * under 1 byte per operation.
 *
 * <p>Read this class like a JMH sample; the comments name the traps each line avoids.
 */
// AverageTime in nanoseconds: the gate works on ratios of time per operation, and ns/op is the unit
// in which a few-nanosecond decision is still readable. Every benchmark in this module uses it but
// SimulatorBenchmark, whose operation is a whole replay of tens of milliseconds (Throughput; see there).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlanningBenchmark {

    /**
     * Everything one decision reads. {@code Scope.Thread}: each benchmark thread gets its own copy, so
     * nothing is shared between threads (there is one thread here, but the habit keeps a later
     * {@code -t 2} honest).
     */
    @State(Scope.Thread)
    public static class Plan {
        // JMH runs the benchmark once per value and writes the value into the results' "params":
        // the gate and the table match rows by it. The three rows of Canic 0.33.3's table (spec §1.3) for a pool with min 2 and max 4:
        // at_max (count 4 >= max: refuse), below_min (count 1 < min: spawn), within_bounds (count 3).
        @Param({"at_max", "below_min", "within_bounds"})
        public String row;

        // Constant folding: had these been `static final` (or literals in the benchmark method), the JIT
        // would have computed the decision once at compile time and the benchmark would time nothing.
        // Plain instance fields of a @State object are read on every call, as a caller's data would be.
        String pool;
        int count;
        int minWorkers;
        ScalePoolPolicy policy;
        // Built once: the workflow holds its configuration as an Optional field too, so wrapping the
        // table on every call would time an allocation the real path never makes.
        Optional<ScalingConfig> config;

        @Setup
        public void setUp() {
            policy = new ScalePoolPolicy(1, 2, 4);
            ScalingConfig cfg = ScalingConfig.builder()
                    .pool("api", new ScalePool(new CanisterRole("api-worker"), policy))
                    .pool("batch", new ScalePool(new CanisterRole("batch-worker"), policy))
                    .pool("scales", new ScalePool(new CanisterRole("scale"), policy))
                    .build();
            config = Optional.of(cfg);
            // A fresh String instance, as a caller's request would bring: with the very instance the
            // table stores, String.equals would take its identity shortcut and flatter the lookup.
            pool = new String("batch".toCharArray());
            count = switch (row) {
                case "at_max" -> 4;
                case "below_min" -> 1;
                case "within_bounds" -> 3;
                default -> throw new IllegalArgumentException(
                        "row '" + row + "'; accepted: at_max, below_min, within_bounds");
            };
            minWorkers = policy.minWorkers();
            // A benchmark that silently measured another row would still produce a number: check.
            PlanReason expected = switch (row) {
                case "at_max" -> PlanReason.AT_MAX_WORKERS;
                case "below_min" -> PlanReason.BELOW_MIN_WORKERS;
                default -> PlanReason.WITHIN_BOUNDS;
            };
            if (ScalingPolicy.decide(count, minWorkers, policy) != expected
                    || ScalingPolicy.seed().planCreateWorker(pool, count, config).reason() != expected) {
                throw new IllegalStateException("row " + row + " does not decide " + expected);
            }
        }
    }

    /**
     * The reference: the seed's table alone, given the count, the floor and the policy.
     *
     * <p>Returning the result hands it to JMH, which feeds it to a {@link Blackhole}. A method that
     * computed the decision and dropped it would be dead code to the JIT, and would measure nothing.
     */
    @Benchmark
    public PlanReason decide(Plan s) {
        return ScalingPolicy.decide(s.count, s.minWorkers, s.policy);
    }

    /**
     * The workflow's path: {@code ScalingPolicy.seed().planCreateWorker(pool, count, config)}, which
     * resolves the pool in the table (a {@code TreeMap} lookup) before deciding.
     *
     * <p>The plan is a record. The workflow reads {@code reason()} and {@code poolConfig()} from it and
     * never stores it, so the JIT's escape analysis can remove the allocation. We consume exactly
     * those two fields, through an explicit {@link Blackhole}, to keep that property measurable:
     * returning the plan itself would make it escape into JMH and time a 32-byte allocation the
     * workflow does not make. If a change makes the plan escape inside the policy (say, caching it in a
     * field), bytes/op here jumps from 0 to 32 and the allocation gate names this benchmark.
     */
    @Benchmark
    public void planCreateWorker(Plan s, Blackhole bh) {
        ScalingPlan plan = ScalingPolicy.seed().planCreateWorker(s.pool, s.count, s.config);
        bh.consume(plan.reason());
        bh.consume(plan.poolConfig());
    }
}
