package org.caniclab.reports;

import java.util.Objects;
import java.util.Optional;

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
 * @param autoscale an autoscaler's figures ({@code autoscale} events only)
 */
public record OrchestrationEvent(long timeNanos, String pool, String call, String outcome, String detail,
        Optional<Autoscale> autoscale) {

    public OrchestrationEvent {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(autoscale, "autoscale (Optional.empty() for none)");
    }

    /** An event without autoscaler figures. */
    public OrchestrationEvent(long timeNanos, String pool, String call, String outcome, String detail) {
        this(timeNanos, pool, call, outcome, detail, Optional.empty());
    }

    /**
     * What an autoscaler measured and decided at one tick, as {@code events.csv} columns.
     *
     * @param desired workers the measured load asks for
     * @param workers workers registered, in both modes (as {@code timeline.csv}'s {@code workers})
     * @param reserved creations holding a reservation ({@code reserved} mode; 0 in the seed's)
     * @param arrivals requests since the previous tick
     * @param calls {@code create_worker} calls the tick sent
     */
    public record Autoscale(int desired, int workers, int reserved, long arrivals, int calls) {}
}
