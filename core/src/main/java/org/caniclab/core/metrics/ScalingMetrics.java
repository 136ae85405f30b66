package org.caniclab.core.metrics;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.error.CanicError;

/**
 * The hub's scaling counters, keyed by (operation, outcome, reason) with Canic's exact labels; saturating
 * and heap-only, as in Canic. Recording is allocation-free.
 *
 * <p>Counters are Canic's saturating {@code u64}s, held as {@code long}s read as <em>unsigned</em>: they count up
 * to 2⁶⁴−1 (the bit pattern {@code -1L}) and stay there. Compare them with {@link Long#compareUnsigned} and print
 * them with {@link Long#toUnsignedString} (as {@link MetricRow#countText()} does); a plain {@code long} reading is
 * right only below 2⁶³.
 *
 * <p>The helper methods mirror Canic's: {@link #started} records {@code (op, started, ok)},
 * {@link #failed} classifies the error with {@link ScalingReason#fromError}.
 *
 * <pre>{@code
 * ScalingMetrics m = new ScalingMetrics();
 * m.started(ScalingOperation.PLAN_CREATE);
 * List<MetricRow> rows = m.snapshot();   // non-zero rows ordered by operation, outcome, reason labels
 * }</pre>
 */
public final class ScalingMetrics {
    private static final ScalingOperation[] OPS = ScalingOperation.values();
    private static final ScalingOutcome[] OUTCOMES = ScalingOutcome.values();
    private static final ScalingReason[] REASONS = ScalingReason.values();

    /** A saturated counter: 2⁶⁴−1 read unsigned ({@code u64::MAX}). */
    public static final long SATURATED = -1L;

    private final long[] counts = new long[OPS.length * OUTCOMES.length * REASONS.length];
    private final MetricListener listener;

    public ScalingMetrics() {
        this(null);
    }

    /** Counters that also tell {@code listener} of every row recorded. */
    public ScalingMetrics(MetricListener listener) {
        this.listener = listener;
    }

    private static int index(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
        return (op.ordinal() * OUTCOMES.length + outcome.ordinal()) * REASONS.length + reason.ordinal();
    }

    /** Adds one to the row. */
    public void record(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
        int i = index(op, outcome, reason);
        if (counts[i] != SATURATED) {
            counts[i]++;
        }
        if (listener != null) {
            listener.recorded(op, outcome, reason);
        }
    }

    public void started(ScalingOperation op) {
        record(op, ScalingOutcome.STARTED, ScalingReason.OK);
    }

    public void completed(ScalingOperation op, ScalingReason reason) {
        record(op, ScalingOutcome.COMPLETED, reason);
    }

    public void skipped(ScalingOperation op, ScalingReason reason) {
        record(op, ScalingOutcome.SKIPPED, reason);
    }

    public void failed(ScalingOperation op, CanicError err) {
        record(op, ScalingOutcome.FAILED, ScalingReason.fromError(err));
    }

    public void failedReason(ScalingOperation op, ScalingReason reason) {
        record(op, ScalingOutcome.FAILED, reason);
    }

    /** The current value of one row (unsigned). */
    public long count(ScalingOperation op, ScalingOutcome outcome, ScalingReason reason) {
        return counts[index(op, outcome, reason)];
    }

    /** Sum of a row over every reason, unsigned and saturating at 2⁶⁴−1 like the counters. */
    public long count(ScalingOperation op, ScalingOutcome outcome) {
        long n = 0;
        for (ScalingReason r : REASONS) {
            long sum = n + counts[index(op, outcome, r)];
            if (Long.compareUnsigned(sum, n) < 0) { // wrapped past 2^64 - 1
                return SATURATED;
            }
            n = sum;
        }
        return n;
    }

    /** Every non-zero row, ordered by operation, outcome and reason labels. */
    public List<MetricRow> snapshot() {
        List<MetricRow> rows = new ArrayList<>();
        for (ScalingOperation op : OPS) {
            for (ScalingOutcome outcome : OUTCOMES) {
                for (ScalingReason reason : REASONS) {
                    long c = counts[index(op, outcome, reason)];
                    if (c != 0) {
                        rows.add(new MetricRow(op, outcome, reason, c));
                    }
                }
            }
        }
        return rows;
    }
}
