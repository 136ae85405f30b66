package org.caniclab.bench;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@code create_worker} end to end: observe the count, plan, record the metric rows, create through
 * the runtime (here {@link InstantIcRuntime}, which completes at once), register, record again.
 *
 * <p>Pair: {@link #createWorkerReserved} against its reference {@link #createWorkerSeed}, the seed's
 * concurrency mode; the ratio is the price of the reservation bookkeeping. The
 * {@code create-worker-allocation} gate bounds the bytes per operation of both.
 *
 * <p><b>Keeping every call a spawn.</b> The pool's policy is {@code min_workers = Integer.MAX_VALUE},
 * {@code max_workers = 0} (Canic's "no maximum"; validation accepts it because it checks max against min
 * only when max is not 0), so every call is "below min" and creates a worker.
 *
 * <p><b>Growth.</b> Every call registers one more worker, so a hub kept for a whole iteration would
 * end it with millions of entries and the benchmark would time the garbage collector copying them. The
 * hub is therefore replaced every {@value #HUB_CAPACITY} calls, inside the measured method: the
 * registry holds 0 to 1 023 workers, and building the next hub (2.2 KB, most of it the metrics'
 * counter array) is spread over those calls, 2 bytes each. Replacing it in a
 * {@code @Setup(Level.Invocation)} instead would put a timestamp around every 200-ns call, the trap
 * JMH's documentation of {@code Level.Invocation} warns about.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorkflowBenchmark {

    /** Calls per hub before it is replaced; a power of two only for readability. */
    static final int HUB_CAPACITY = 1024;

    /** The pool every call grows. */
    static final String POOL = "scales";

    /** A hub in one concurrency mode, replaced every {@link #HUB_CAPACITY} calls. */
    static final class Hub {
        private final ConcurrencyMode mode;
        private final ScalingConfig config;
        private final InstantIcRuntime ic = new InstantIcRuntime();
        private ScalingWorkflow workflow;
        private int calls;

        Hub(ConcurrencyMode mode) {
            this.mode = mode;
            ScalePoolPolicy alwaysBelowMin = new ScalePoolPolicy(0, Integer.MAX_VALUE, 0);
            this.config = ScalingConfigValidator.requireValid(ScalingConfig.builder()
                    .pool(POOL, new ScalePool(new CanisterRole("scale"), alwaysBelowMin))
                    .build());
            this.calls = HUB_CAPACITY; // the first call builds the first hub
        }

        ScalingWorkflow next() {
            if (calls == HUB_CAPACITY) {
                workflow = ScalingWorkflow.builder(ic).config(config).mode(mode).build();
                calls = 0;
            }
            calls++;
            return workflow;
        }
    }

    /** One hub per mode; each benchmark method uses its own. */
    @State(Scope.Thread)
    public static class Hubs {
        Hub seed;
        Hub reserved;
        // Read from a field rather than the constant so the JIT cannot specialise the lookups for it.
        String pool;

        @Setup
        public void setUp() {
            seed = new Hub(ConcurrencyMode.SEED_0_33_3);
            reserved = new Hub(ConcurrencyMode.RESERVED);
            pool = new String(POOL.toCharArray());
            // Fail fast if a change to the workflow made these calls refuse instead of spawn: the
            // benchmark would go on timing a cheap refusal and report an improvement.
            for (Hub hub : new Hub[] {seed, reserved}) {
                CompletionStage<Principal> first = hub.next().createWorker(pool);
                if (first.toCompletableFuture().isCompletedExceptionally()) {
                    throw new IllegalStateException("createWorker refused in " + hub.mode + ": "
                            + first.toCompletableFuture().handle((v, t) -> t).join());
                }
            }
        }
    }

    // The returned stage (already complete, holding the new principal) goes to JMH's Blackhole: without a
    // consumer, the stage and the principal would be dead values and the JIT could trim the work that
    // only produces them.

    /** The reference: the seed's mode, observe then await then write. */
    @Benchmark
    public CompletionStage<Principal> createWorkerSeed(Hubs s) {
        return s.seed.next().createWorker(s.pool);
    }

    /** The project's mode that keeps {@code max_workers} under any interleaving. */
    @Benchmark
    public CompletionStage<Principal> createWorkerReserved(Hubs s) {
        return s.reserved.next().createWorker(s.pool);
    }
}
