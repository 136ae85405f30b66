package org.caniclab.sim.model;

/**
 * A load-aware autoscaler: every {@code intervalNanos} it computes the workers needed to bring mean
 * utilization to {@code targetUtilization} and, outside {@code cooldownNanos} after its last spawn, calls
 * the core workflow with that floor as the policy's minimum (bounded by {@code max_workers}).
 */
public record AutoscalerSpec(double targetUtilization, long cooldownNanos, long intervalNanos) {}
