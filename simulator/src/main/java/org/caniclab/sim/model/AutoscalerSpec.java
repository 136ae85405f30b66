package org.caniclab.sim.model;

/**
 * A load-aware autoscaler: every {@code intervalNanos} it computes the workers needed to bring mean
 * utilization to {@code targetUtilization} and, outside {@code cooldownNanos} after its last spawn, calls
 * the core workflow with that floor as the policy's minimum (bounded by {@code max_workers}).
 *
 * <pre>{@code
 * new AutoscalerSpec(0.7, 30_000_000_000L, 5_000_000_000L)   // 70 %, 30 s cooldown, every 5 s
 * }</pre>
 *
 * @param targetUtilization above 0, at most 1
 * @param cooldownNanos >= 0
 * @param intervalNanos > 0
 */
public record AutoscalerSpec(double targetUtilization, long cooldownNanos, long intervalNanos) {
    public AutoscalerSpec {
        Check.that(targetUtilization > 0 && targetUtilization <= 1, "AutoscalerSpec.targetUtilization",
                targetUtilization, "above 0, at most 1");
        Check.nonNegative(cooldownNanos, "AutoscalerSpec.cooldownNanos");
        Check.positive(intervalNanos, "AutoscalerSpec.intervalNanos");
    }
}
