package org.caniclab.sim.model;

import java.math.BigDecimal;

/**
 * Short exact texts for the model's durations and cycle amounts, in the forms scenario files use, for
 * messages and summaries. Formatting only: reading those forms is the loader's job.
 *
 * <pre>{@code
 * Formats.duration(1_500_000_000L);     // "1.5s"
 * Formats.cycles(2_500_000_000_000L);   // "2.5T"
 * }</pre>
 */
public final class Formats {
    private static final String[] UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] SUFFIXES = {"T", "B", "M", "K"};
    private static final long[] FACTORS = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};

    private Formats() {}

    /** A short exact text for a duration: {@code 1500000000 -> "1.5s"}, {@code 300000000000 -> "5m"}. */
    public static String duration(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        for (int i = 0; i < 3; i++) {
            if (nanos % UNIT_NANOS[i] == 0) {
                return (nanos / UNIT_NANOS[i]) + UNITS[i];
            }
        }
        BigDecimal seconds = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        if (nanos >= UNIT_NANOS[2] && seconds.scale() <= 3) {
            return seconds.toPlainString() + "s";
        }
        for (int i = 3; i < UNITS.length; i++) {
            if (nanos % UNIT_NANOS[i] == 0) {
                return (nanos / UNIT_NANOS[i]) + UNITS[i];
            }
        }
        throw new IllegalStateException("unreachable: every duration is a whole number of ns");
    }

    /** The shortest exact text: {@code 5000000000000 -> "5T"}, {@code 2500000000000 -> "2.5T"}, {@code 7 -> "7"}. */
    public static String cycles(long cycles) {
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (cycles >= FACTORS[i]) {
                BigDecimal scaled = BigDecimal.valueOf(cycles).divide(BigDecimal.valueOf(FACTORS[i])).stripTrailingZeros();
                if (scaled.scale() <= 3) {
                    return scaled.toPlainString() + SUFFIXES[i];
                }
            }
        }
        return Long.toString(cycles);
    }
}
