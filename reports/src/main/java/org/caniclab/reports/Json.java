package org.caniclab.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting and JSON printing shared by every writer. Outputs must be byte-identical across
 * runs and machines, so doubles never reach a printer as doubles: they are rounded to a fixed scale
 * as decimals first, which also keeps {@code Double.toString}'s exponent form and NaN out of files.
 */
final class Json {

    /** Decimals for milliseconds: nanosecond histograms carry no more than a microsecond of sense. */
    static final int MS = 3;
    /** Decimals for fractions such as utilization. */
    static final int RATIO = 4;
    /** Decimals for seconds derived from nanoseconds: exact. */
    static final int SECONDS = 9;

    // Pinned rather than platform defaults: the default indenter uses the system line separator.
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(INDENT)
                    .withArrayIndenter(INDENT));

    private Json() {}

    /**
     * {@code value} rounded half-up to {@code scale} decimals, trailing zeros dropped; 0 if not finite. The decimal
     * rounded is {@code Double.toString(value)}'s ({@code BigDecimal.valueOf}), not the double's exact binary value.
     */
    static BigDecimal decimal(double value, int scale) {
        if (!Double.isFinite(value)) {
            return BigDecimal.ZERO;
        }
        // Without the decimal string when that is safe (every figure of every run passes here): y = |value| * 10^scale
        // is within 1.6 ulp(y) of the string's decimal times 10^scale (the string reads back as value, so it is
        // within half an ulp of it, and the product rounds once), so unless y lies within 4 ulp(y) of a half, both
        // round half-up to the same integer. Below 10^15 that integer and y's fraction are exact.
        if (scale >= 0 && scale < POWERS_OF_TEN.length) {
            double y = Math.abs(value) * POWERS_OF_TEN[scale];
            if (y < 1e15) {
                double whole = Math.floor(y);
                double fraction = y - whole;
                if (Math.abs(fraction - 0.5) > 4 * Math.ulp(y)) {
                    long k = (long) whole + (fraction > 0.5 ? 1 : 0);
                    return k == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(value < 0 ? -k : k, scale).stripTrailingZeros();
                }
            }
        }
        return exactDecimal(value, scale);
    }

    /** {@link #decimal}'s definition, through the decimal string: for the values near a half. */
    static BigDecimal exactDecimal(double value, int scale) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
    }

    /** 10^0 to 10^15, each exact as a double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    static DecimalNode number(double value, int scale) {
        return DecimalNode.valueOf(decimal(value, scale));
    }

    /** A statistic: its number, or JSON {@code null} when it is NaN (nothing was measured). */
    static JsonNode statistic(double value, int scale) {
        return Double.isNaN(value) ? NullNode.getInstance() : number(value, scale);
    }

    /** Fixed-decimal text of a statistic for tables; {@value #NO_FIGURE} when it is NaN. */
    static String fixedStatistic(double value, int scale) {
        return Double.isNaN(value) ? NO_FIGURE : fixed(value, scale);
    }

    /** What a table shows for a statistic with no sample. */
    static final String NO_FIGURE = "—";

    /** Nanoseconds as exact seconds, e.g. {@code 1500000000 -> 1.5}. */
    static BigDecimal seconds(long nanos) {
        return nanos == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(nanos, SECONDS).stripTrailingZeros();
    }

    /** Plain text of a decimal without trailing zeros or exponent: {@code 100}, {@code 0.25}. */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** Fixed-decimal text for aligned tables: {@code fixed(2.5, 3) -> "2.500"}. */
    static String fixed(double value, int scale) {
        return decimal(value, scale).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Pretty-printed JSON with two-space indent, {@code \n} line ends and a trailing newline. */
    static String print(JsonNode tree) {
        try {
            return WRITER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; failure here is a bug, not an input error.
            throw new IllegalStateException("cannot print JSON tree", e);
        }
    }
}
