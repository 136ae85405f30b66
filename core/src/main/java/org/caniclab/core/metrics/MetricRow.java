package org.caniclab.core.metrics;

/**
 * One exported scaling metric: the label triple and its counter, an unsigned 64-bit value (see
 * {@link ScalingMetrics}).
 *
 * <pre>{@code
 * for (MetricRow r : metrics.snapshot()) System.out.println(r.labels() + " " + r.countText());
 * }</pre>
 */
public record MetricRow(ScalingOperation operation, ScalingOutcome outcome, ScalingReason reason, long count) {
    /** {@code operation/outcome/reason}, as the spec writes rows. */
    public String labels() {
        return operation.label() + "/" + outcome.label() + "/" + reason.label();
    }

    /** The counter in decimal, read as the unsigned 64-bit value it is ({@code 18446744073709551615} saturated). */
    public String countText() {
        return Long.toUnsignedString(count);
    }

    @Override
    public String toString() {
        return labels() + "=" + countText();
    }
}
