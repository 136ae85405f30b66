package org.caniclab.core.metrics;

/** Told of every row recorded, in order; how tests and the simulator log exact row sequences. */
@FunctionalInterface
public interface MetricListener {
    void recorded(ScalingOperation operation, ScalingOutcome outcome, ScalingReason reason);
}
