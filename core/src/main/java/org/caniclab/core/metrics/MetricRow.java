package org.caniclab.core.metrics;

/**
 * One exported scaling metric: the label triple and its counter.
 *
 * <pre>{@code
 * for (MetricRow r : metrics.snapshot()) System.out.println(r.labels() + " " + r.count());
 * }</pre>
 */
public record MetricRow(ScalingOperation operation, ScalingOutcome outcome, ScalingReason reason, long count) {
    /** {@code operation/outcome/reason}, as the spec writes rows. */
    public String labels() {
        return operation.label() + "/" + outcome.label() + "/" + reason.label();
    }

    @Override
    public String toString() {
        return labels() + "=" + count;
    }
}
