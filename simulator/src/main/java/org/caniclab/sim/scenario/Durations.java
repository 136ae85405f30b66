package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a decimal number and a unit, such as {@code "250ms"},
 * {@code "30s"}, {@code "2.5s"}, {@code "5m"}, {@code "1h"}, or {@code "0"}. Parsed exactly (no doubles),
 * so {@code "0.1s"} is 100,000,000 ns on every machine.
 *
 * <pre>{@code
 * long nanos = Durations.parse("2.5s");      // 2_500_000_000
 * String text = Formats.duration(nanos);     // "2.5s" (model.Formats: the model formats, the loader parses)
 * }</pre>
 */
public final class Durations {
    /** What the parser accepts, for error messages. */
    public static final String ACCEPTED =
            "a duration such as \"250ms\", \"30s\", \"2.5s\", \"5m\", \"1h\" or \"0\" (units ns, us, ms, s, m, h)";

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)");

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
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            String why = t.matches("[0-9]+(\\.[0-9]+)?") ? " has no unit" : " is not a duration";
            throw new IllegalArgumentException("\"" + text + "\"" + why + "; accepted: " + ACCEPTED);
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2))));
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
