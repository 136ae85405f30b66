package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a decimal number and a unit, such as {@code "250ms"},
 * {@code "30s"}, {@code "2.5s"}, {@code "5m"}, {@code "1h"}, or {@code "0"}, or several such parts from the
 * largest unit down, {@code "2h30m"}, {@code "1m30.5s"}. Parsed exactly (no doubles), so {@code "0.1s"} is
 * 100,000,000 ns on every machine.
 *
 * <pre>{@code
 * long nanos = Durations.parse("2.5s");      // 2_500_000_000
 * String text = Formats.duration(nanos);     // "2.5s" (model.Formats: the model formats, the loader parses)
 * }</pre>
 */
public final class Durations {
    /** What the parser accepts, for error messages. */
    public static final String ACCEPTED =
            "a duration such as \"250ms\", \"30s\", \"2.5s\", \"5m\", \"1h\", \"2h30m\" or \"0\" (units ns, us, ms, s, "
                    + "m, h; several parts from the largest unit down)";

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)\\s*");
    /** Units from the largest down: a compound duration names each at most once, in this order. */
    private static final String[] ORDER = {"h", "m", "s", "ms", "us", "ns"};

    private Durations() {}

    /**
     * Parses a duration into nanoseconds.
     *
     * @throws IllegalArgumentException saying what was wrong and what is accepted
     */
    public static long parse(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return 0;
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("duration \"" + text + "\" is negative; accepted: " + ACCEPTED);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; accepted: " + ACCEPTED);
        }
        if (t.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("\"" + text + "\" has no unit; accepted: " + ACCEPTED);
        }
        Matcher m = PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        int lastRank = -1;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; accepted: " + ACCEPTED);
            }
            String unit = m.group(2).equals("µs") ? "us" : m.group(2);
            int rank = java.util.Arrays.asList(ORDER).indexOf(unit);
            if (rank <= lastRank) {
                throw new IllegalArgumentException("\"" + text + "\" names its units out of order or twice; accepted: "
                        + ACCEPTED);
            }
            lastRank = rank;
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(unit))));
            at = m.end();
        }
        BigInteger whole;
        try {
            whole = nanos.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is not a whole number of nanoseconds; accepted: "
                    + ACCEPTED);
        }
        if (whole.bitLength() > 62) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long; at most about 146 years are accepted");
        }
        return whole.longValueExact();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }
}
