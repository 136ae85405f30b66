package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates as scenario files write them: a plain number is requests per second; a string carries its unit,
 * {@code "1.2/min"}, {@code "300/h"}, {@code "50/s"}, {@code "2/ms"}. The conversion is exact up to the final
 * rounding to a double, so {@code "300/h"} is the double nearest 1/12.
 *
 * <pre>{@code
 * double perSecond = Rates.parse("300/h");   // 0.08333...
 * }</pre>
 */
public final class Rates {
    /** What the parser accepts, for error messages. */
    public static final String ACCEPTED = "requests per second as a number (e.g. 50 or 0.5), or a number with a unit "
            + "(\"1.2/min\", \"300/h\", \"50/s\", \"2/ms\")";

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*/\\s*(ms|s|min|h)");

    private Rates() {}

    /**
     * Parses a rate with its unit into requests per second.
     *
     * @throws IllegalArgumentException echoing the text as written and saying what is accepted
     */
    public static double parse(String text) {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("rate \"" + text + "\" is negative; accepted: " + ACCEPTED);
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate; accepted: " + ACCEPTED);
        }
        BigDecimal count = new BigDecimal(m.group(1));
        BigDecimal perSecond = switch (m.group(2)) {
            case "ms" -> count.multiply(BigDecimal.valueOf(1000));
            case "s" -> count;
            case "min" -> count.divide(BigDecimal.valueOf(60), java.math.MathContext.DECIMAL128);
            case "h" -> count.divide(BigDecimal.valueOf(3600), java.math.MathContext.DECIMAL128);
            default -> throw new IllegalStateException(m.group(2));
        };
        double d = perSecond.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("rate \"" + text + "\" is too large; accepted: " + ACCEPTED);
        }
        return d;
    }
}
