package org.caniclab.reports;

import java.util.Objects;

/**
 * Identifies a run: which scenario, seed, substrate and concurrency mode produced a result, and how
 * far it got. It heads {@code summary.json} and {@code summary.txt}.
 *
 * <pre>{@code
 * RunHeader header = new RunHeader("burst-k8", 42L, "sim", "seed-0.33.3", 60.0, 125_000L);
 * }</pre>
 *
 * @param scenario scenario name
 * @param seed the scenario seed every random stream derives from
 * @param backend substrate name ({@code sim}, {@code pocketic}, {@code ic})
 * @param mode concurrency mode ({@code seed-0.33.3}, {@code reserved})
 * @param simulatedSeconds virtual time covered by the run
 * @param events number of engine events processed
 * @param warmupSeconds {@code run.warmup}: statistics ignore requests arriving before it
 */
public record RunHeader(
        String scenario, long seed, String backend, String mode, double simulatedSeconds, long events,
        double warmupSeconds) {

    public RunHeader {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(mode, "mode");
    }

    /** A header of a run without warm-up. */
    public RunHeader(String scenario, long seed, String backend, String mode, double simulatedSeconds, long events) {
        this(scenario, seed, backend, mode, simulatedSeconds, events, 0);
    }
}
