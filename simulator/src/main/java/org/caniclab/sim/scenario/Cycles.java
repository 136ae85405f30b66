package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cycle amounts as scenario files and {@code canic.toml} write them: an integer ({@code 500000000000}) or
 * a decimal with a suffix, {@code K} (10^3), {@code M} (10^6), {@code B} (10^9), {@code T} (10^12), such as
 * {@code "5T"}, {@code "500B"}, {@code "2.5T"}.
 *
 * <pre>{@code
 * long c = Cycles.parse("2.5T");     // 2_500_000_000_000
 * String t = Formats.cycles(c);      // "2.5T" (model.Formats)
 * }</pre>
 */
public final class Cycles {
    /** What the parser accepts, for error messages. */
    public static final String ACCEPTED =
            "a whole number of cycles >= 0, as an integer or with a suffix K, M, B or T, e.g. \"500B\", \"2.5T\"";

    private static final Pattern FORM = Pattern.compile("([0-9][0-9_]*(?:\\.[0-9]+)?)\\s*([KMBT]?)");

    private Cycles() {}

    /**
     * Parses a cycle amount.
     *
     * @throws IllegalArgumentException saying what was wrong and what is accepted
     */
    public static long parse(String text) {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("cycle amount \"" + text + "\" is negative; accepted: " + ACCEPTED);
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a cycle amount; accepted: " + ACCEPTED);
        }
        long factor = switch (m.group(2)) {
            case "" -> 1L;
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "B" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> throw new IllegalStateException(m.group(2));
        };
        BigDecimal value = new BigDecimal(m.group(1).replace("_", "")).multiply(BigDecimal.valueOf(factor));
        BigInteger whole;
        try {
            whole = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("cycle amount \"" + text + "\" is not a whole number of cycles; accepted: "
                    + ACCEPTED);
        }
        return of(whole, text);
    }

    /** Checks an integer amount (from a TOML integer) against the accepted range. */
    static long of(BigInteger value, String text) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("cycle amount " + text + " is negative; accepted: " + ACCEPTED);
        }
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException("cycle amount " + text + " is too large; at most "
                    + Long.MAX_VALUE + " (about 9.2 million T) is accepted");
        }
        return value.longValueExact();
    }
}
