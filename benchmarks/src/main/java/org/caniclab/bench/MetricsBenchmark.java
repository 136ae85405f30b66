package org.caniclab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.metrics.MetricRow;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The metric counters: recording one row (every step of the workflow records two to six) and taking a
 * snapshot (what an exporter or a report reads).
 *
 * <p>Pairs: {@link #record} and {@link #snapshot} of {@link ScalingMetrics} (a flat {@code long[]}
 * indexed by the label triple's ordinals) against {@link #recordMap} and {@link #snapshotMap}, the
 * straightforward map of counters keyed by the label triple that a port of the seed's metrics would
 * start from ({@link MapMetrics}). Not gated; the table shows their ratios and bytes per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsBenchmark {

    /**
     * Counters filled as a hub fills them: a bootstrap of one worker and four {@code create_worker}
     * calls against min 3 / max 3 (spawn, spawn, refuse at max, refuse at max), which leaves 11 non-zero
     * rows, the size of a real snapshot.
     */
    @State(Scope.Thread)
    public static class Counters {
        ScalingMetrics metrics;
        MapMetrics map;

        // The row recorded by the record benchmarks. Instance fields, not constants: with constant
        // labels the JIT would fold the index computation away and time a single array increment.
        ScalingOperation op;
        ScalingOutcome outcome;
        ScalingReason reason;

        @Setup
        public void setUp() {
            map = new MapMetrics();
            metrics = new ScalingMetrics((o, out, r) -> map.record(o, out, r));
            ScalingConfig cfg = ScalingConfig.builder()
                    .pool("scales", new ScalePool(new CanisterRole("scale"), new ScalePoolPolicy(1, 3, 3)))
                    .build();
            ScalingWorkflow hub = ScalingWorkflow.builder(new InstantIcRuntime())
                    .config(cfg).metrics(metrics).build();
            hub.bootstrapConfiguredInitialWorkers();
            for (int i = 0; i < 4; i++) {
                hub.createWorker("scales");
            }
            // The listener was only needed to fill both from the same sequence; record without it,
            // as a hub does.
            ScalingMetrics plain = new ScalingMetrics();
            for (MetricRow r : metrics.snapshot()) {
                for (long n = 0; n < r.count(); n++) {
                    plain.record(r.operation(), r.outcome(), r.reason());
                }
            }
            metrics = plain;
            if (!metrics.snapshot().equals(map.snapshot())) {
                throw new IllegalStateException("the two counters disagree: " + metrics.snapshot()
                        + " vs " + map.snapshot());
            }
            op = ScalingOperation.CREATE_WORKER;
            outcome = ScalingOutcome.COMPLETED;
            reason = ScalingReason.OK;
        }
    }

    // record returns nothing: the increment lands in an array (or map) reachable from the @State object,
    // which the JIT must treat as observed, so it cannot be eliminated. The counts grow during the run;
    // that changes no code path (saturation at Long.MAX_VALUE is 10^10 seconds away).

    @Benchmark
    public void record(Counters s) {
        s.metrics.record(s.op, s.outcome, s.reason);
    }

    /** Reference for {@link #record}. */
    @Benchmark
    public void recordMap(Counters s) {
        s.map.record(s.op, s.outcome, s.reason);
    }

    // The snapshot is returned so that JMH consumes the list; a list built and dropped could be
    // eliminated along with the rows in it.

    @Benchmark
    public List<MetricRow> snapshot(Counters s) {
        return s.metrics.snapshot();
    }

    /** Reference for {@link #snapshot}. */
    @Benchmark
    public List<MetricRow> snapshotMap(Counters s) {
        return s.map.snapshot();
    }

    /** The label triple as a map key, ordered as the snapshot orders rows (by label, i.e. declaration). */
    record Key(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::op)
                .thenComparing(Key::outcome).thenComparing(Key::reason);
    }

    /** The reference counters: a sorted map from label triple to a mutable count. */
    static final class MapMetrics {
        private final TreeMap<Key, long[]> counts = new TreeMap<>(Key.ORDER);

        void record(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
            long[] c = counts.computeIfAbsent(new Key(op, outcome, reason), k -> new long[1]);
            if (c[0] != Long.MAX_VALUE) {
                c[0]++;
            }
        }

        List<MetricRow> snapshot() {
            List<MetricRow> rows = new ArrayList<>(counts.size());
            for (Map.Entry<Key, long[]> e : counts.entrySet()) {
                Key k = e.getKey();
                rows.add(new MetricRow(k.op(), k.outcome(), k.reason(), e.getValue()[0]));
            }
            return rows;
        }
    }
}
