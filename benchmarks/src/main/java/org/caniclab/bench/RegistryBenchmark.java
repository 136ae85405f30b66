package org.caniclab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.registry.LinearScalingRegistry;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.registry.WorkerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The worker registry: {@code countByPool} (read by every plan) and {@code upsert} (every
 * registration) at 10, 1 000 and 100 000 workers spread round-robin over 1, 10 and 100 pools.
 *
 * <p>Pairs: each {@code ...Indexed} benchmark (the project's {@link ScalingRegistry}, a per-pool
 * counter) against its reference {@code ...Linear} (the seed-faithful {@link LinearScalingRegistry},
 * which scans every entry), with the same parameters and in the same run. The gates in
 * {@code gates.toml}: the indexed count at 100 000 workers stays within 2x of itself at 10 workers
 * (it is O(1)), and the linear count at 100 000 is at least 100x slower than the indexed one (the index
 * is still in use).
 *
 * <p><b>The slowed registry.</b> With {@code -Dcaniclab.bench.registry=linear} in the benchmark JVM
 * ({@code -jvmArgsAppend -Dcaniclab.bench.registry=linear} on the JMH command line) the "indexed"
 * benchmarks get a {@link LinearScalingRegistry} instead. That is the regression the gate must catch,
 * and {@code SlowedRegistryGateIT} runs it to prove it does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmark {

    /** The system property that swaps the implementation behind the "indexed" benchmarks. */
    public static final String REGISTRY_PROPERTY = "caniclab.bench.registry";

    /**
     * Two registries holding the same entries. Built once per trial ({@code Level.Trial}, the default):
     * filling 100 000 entries takes far longer than one measured operation, so it must stay out of the
     * measurement. Both registries are built even though each benchmark method reads one of them;
     * JMH gives every method its own fork and its own state, so they never share caches.
     */
    @State(Scope.Thread)
    public static class Registries {
        @Param({"10", "1000", "100000"})
        public int workers;

        @Param({"1", "10", "100"})
        public int pools;

        WorkerRegistry indexed;
        WorkerRegistry linear;

        /** The pool whose workers are counted: a fresh String, see {@link #setUp()}. */
        String countedPool;

        /** Re-upsert order: every registered principal once, shuffled with a fixed seed. */
        Principal[] upsertOrder;
        WorkerEntry[] upsertEntries;
        int cursor;

        @Setup(Level.Trial)
        public void setUp() {
            indexed = indexedOrSlowed();
            linear = new LinearScalingRegistry();
            CanisterRole role = new CanisterRole("scale");
            String[] poolNames = new String[pools];
            for (int p = 0; p < pools; p++) {
                poolNames[p] = "pool-" + p;
            }
            Principal[] pids = new Principal[workers];
            WorkerEntry[] entries = new WorkerEntry[workers];
            // Ids ascending, as the IC allocates them and the hub registers them; round-robin pools so
            // every pool holds workers/pools entries (pools beyond the worker count stay empty).
            for (int i = 0; i < workers; i++) {
                pids[i] = Principal.canisterId(i + 1);
                entries[i] = new WorkerEntry(poolNames[i % pools], role, 0);
                indexed.upsert(pids[i], entries[i]);
                linear.upsert(pids[i], entries[i]);
            }
            // The caller's pool name is never the instance stored in the entries (in the seed every
            // row is decoded afresh). With the same instance String.equals returns on identity, and
            // the linear scan would look cheaper than it is.
            countedPool = new String(poolNames[0].toCharArray());

            // Shuffled (Fisher-Yates, fixed seed so every run walks the same order): walking the ids in
            // key order would keep the tree's path in cache and flatter both registries at 100 000.
            SplittableRandom rnd = new SplittableRandom(42);
            upsertOrder = pids.clone();
            upsertEntries = entries.clone();
            for (int i = workers - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Principal p = upsertOrder[i];
                upsertOrder[i] = upsertOrder[j];
                upsertOrder[j] = p;
                WorkerEntry e = upsertEntries[i];
                upsertEntries[i] = upsertEntries[j];
                upsertEntries[j] = e;
            }
            if (indexed.countByPool(countedPool) != linear.countByPool(countedPool)) {
                throw new IllegalStateException("registries disagree on " + countedPool);
            }
        }

        /** The next principal to re-upsert, cycling through all of them. */
        int next() {
            int i = cursor;
            cursor = i + 1 == workers ? 0 : i + 1;
            return i;
        }

        private static WorkerRegistry indexedOrSlowed() {
            String choice = System.getProperty(REGISTRY_PROPERTY, "indexed");
            return switch (choice) {
                case "indexed" -> new ScalingRegistry();
                case "linear" -> new LinearScalingRegistry();
                default -> throw new IllegalArgumentException("-D" + REGISTRY_PROPERTY + "=" + choice
                        + "; accepted: indexed, linear");
            };
        }
    }

    // ---- countByPool ----------------------------------------------------------------------------
    // The count is returned, so JMH consumes it: a count computed and dropped would let the JIT delete
    // the scan (dead-code elimination) and report a linear registry as fast as the index.

    /** The index: one hash lookup, independent of the number of workers. */
    @Benchmark
    public int countByPoolIndexed(Registries s) {
        return s.indexed.countByPool(s.countedPool);
    }

    /** The reference: the seed's scan over every entry of every pool. */
    @Benchmark
    public int countByPoolLinear(Registries s) {
        return s.linear.countByPool(s.countedPool);
    }

    // ---- upsert ---------------------------------------------------------------------------------
    // Upserting a fresh principal grows the map, so every iteration would measure a bigger registry than
    // the last and the parameter would be a lie. These benchmarks re-upsert principals that are already
    // registered, with their own entry: the size stays at `workers`, the tree is walked to the existing
    // node and its value replaced, and the index sees "same pool" and leaves its counter alone. That is
    // the cost of a write at a given size; a fresh insert adds one node (about 40 bytes) on top.
    //
    // void methods are safe here: the write goes into a map reachable from the @State object, which the
    // JIT must assume is observed later, so it cannot drop it.

    /** The index: the tree write plus the per-pool counter's bookkeeping. */
    @Benchmark
    public void upsertIndexed(Registries s) {
        int i = s.next();
        s.indexed.upsert(s.upsertOrder[i], s.upsertEntries[i]);
    }

    /** The reference: the seed's plain tree write. */
    @Benchmark
    public void upsertLinear(Registries s) {
        int i = s.next();
        s.linear.upsert(s.upsertOrder[i], s.upsertEntries[i]);
    }
}
