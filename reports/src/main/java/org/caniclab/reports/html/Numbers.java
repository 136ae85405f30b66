package org.caniclab.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number text for the pages' data. Every figure reaches the page through {@link BigDecimal}, never through
 * {@code Double.toString} or a locale, so the same result always gives the same bytes; a value that is not finite
 * has no text ({@code null}), which the page draws as a gap.
 */
final class Numbers {

    /** Decimals for milliseconds, as in {@code summary.json}. */
    static final int MS = 3;
    /** Decimals for fractions such as utilization, as in {@code summary.json}. */
    static final int RATIO = 4;

    private static final MathContext SIGNIFICANT = new MathContext(6, RoundingMode.HALF_EVEN);

    private Numbers() {}

    /** Nanoseconds as exact seconds: {@code 1500000000 -> "1.5"}. */
    static String seconds(long nanos) {
        return plain(BigDecimal.valueOf(nanos, 9));
    }

    /**
     * {@code value} rounded half-up to {@code scale} decimals, without trailing zeros; null if not finite. Rounds
     * as {@code summary.json} does (from the shortest decimal of the double), so the page's table shows the same
     * figures as the summary files.
     */
    static String fixed(double value, int scale) {
        if (!Double.isFinite(value)) {
            return null;
        }
        return plain(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP));
    }

    /**
     * {@code value} to six significant digits (sweep means span cycles and fractions alike, so no fixed scale
     * fits); null if not finite. The exact binary value is rounded, so the text does not depend on the JDK's
     * shortest-decimal algorithm.
     */
    static String significant(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT);
        if (rounded.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        // Plain text up to a modest length; beyond it JSON's exponent form, which BigDecimal writes as 1.5E+20.
        return Math.abs(stripped.scale()) <= 12 ? stripped.toPlainString() : stripped.toString();
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
