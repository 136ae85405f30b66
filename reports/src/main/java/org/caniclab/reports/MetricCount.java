package org.caniclab.reports;

import java.util.Objects;

/**
 * One Canic metric row: a counter keyed by the seed's exact (operation, outcome, reason) labels.
 *
 * <pre>{@code
 * MetricCount row = new MetricCount("create_worker", "skipped", "at_max_workers", 3);
 * }</pre>
 *
 * @param operation operation label
 * @param outcome outcome label
 * @param reason reason label, empty when the seed records none
 * @param count how many times the row was recorded
 */
public record MetricCount(String operation, String outcome, String reason, long count) {

    public MetricCount {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }
}
