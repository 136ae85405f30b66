package org.caniclab.reports;

import java.util.Objects;

/**
 * One step of orchestration as it happened in virtual time, for {@code events.csv}: a call to the
 * workflow, its start and its outcome.
 *
 * <pre>{@code
 * OrchestrationEvent done = new OrchestrationEvent(
 *         2_000_000_000L, "api", "create_worker", "completed", "rrkah-fqaaa-aaaaa-aaaaq-cai");
 * }</pre>
 *
 * @param timeNanos virtual time
 * @param pool pool concerned
 * @param call e.g. {@code create_worker}, {@code bootstrap}, {@code plan_create_worker},
 *     {@code autoscale}
 * @param outcome e.g. {@code started}, {@code completed}, {@code failed}, {@code skipped}
 * @param detail a principal's text or an error's text; empty (never null) when there is none
 */
public record OrchestrationEvent(long timeNanos, String pool, String call, String outcome, String detail) {

    public OrchestrationEvent {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
