package org.caniclab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scenario's claim about its outcome, such as {@code pools.api.overshoot_peak == 0}, checked
 * against the summary tree so that a verdict always refers to a figure the report shows.
 *
 * <pre>{@code
 * Expectation e = Expectation.parse("pools.api.requests.latency_ms.p99 <= 250");
 * ExpectationResult r = e.evaluate(SummaryPaths.toJson(result));
 * }</pre>
 *
 * @param path dotted path into {@code summary.json} (see {@link SummaryPaths#lookup})
 * @param op the comparison
 * @param value the number the measured value is compared with
 */
public record Expectation(String path, Op op, double value) {

    /**
     * The accepted comparisons, by symbol.
     *
     * <pre>{@code
     * Expectation.parse("x <= 1").op() == Expectation.Op.LE;   // Op.LE.symbol() is "<="
     * }</pre>
     */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The symbol as written in an expectation. */
        public String symbol() {
            return symbol;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }

        static Optional<Op> ofSymbol(String symbol) {
            return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
        }
    }

    /** Written into results when the path names nothing in the summary. */
    public static final String MISSING = "<missing>";

    // Two-character operators first, so "<=" is not read as "<" followed by "=...".
    private static final Pattern FORM =
            Pattern.compile("\\s*([^\\s<>=!]+)\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

    private static final String ACCEPTED = Arrays.stream(Op.values())
            .map(Op::symbol).collect(Collectors.joining(", "));

    public Expectation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(op, "op");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expectation value must be finite: " + value);
        }
    }

    /**
     * Parses {@code <path> <op> <number>}; whitespace around the operator is optional.
     *
     * @throws IllegalArgumentException naming the expression and the accepted operators
     */
    public static Expectation parse(String expression) {
        Matcher m = FORM.matcher(Objects.requireNonNull(expression, "expression"));
        if (!m.matches()) {
            throw bad(expression, "expected '<path> <op> <number>' with <op> one of " + ACCEPTED);
        }
        String path = m.group(1);
        if (path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw bad(expression, "path '" + path + "' has an empty segment");
        }
        double value;
        try {
            value = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw bad(expression, "'" + m.group(3) + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw bad(expression, "'" + m.group(3) + "' is not a finite number");
        }
        // The regex only admits the accepted symbols, so the lookup cannot fail.
        return new Expectation(path, Op.ofSymbol(m.group(2)).orElseThrow(), value);
    }

    private static IllegalArgumentException bad(String expression, String why) {
        return new IllegalArgumentException(
                "invalid expectation \"" + expression + "\": " + why + " (operators: " + ACCEPTED + ")");
    }

    /** The expectation in canonical form, e.g. {@code pools.api.overshoot_peak == 0}. */
    public String expression() {
        return path + " " + op.symbol() + " " + expectedText();
    }

    /**
     * Checks the expectation against a summary tree ({@link SummaryPaths#toJson} or a parsed
     * {@code summary.json}). A missing path fails with measured {@value #MISSING}; a value that is
     * not a number fails with its text as measured.
     */
    public ExpectationResult evaluate(JsonNode summary) {
        Optional<JsonNode> found = SummaryPaths.lookup(summary, path);
        String measured;
        boolean passed = false;
        if (found.isEmpty()) {
            measured = MISSING;
        } else if (found.get().isNumber()) {
            // Compare decimals, not doubles: long counters beyond 2^53 stay exact.
            BigDecimal actual = found.get().decimalValue();
            measured = Json.plain(actual);
            passed = op.holds(actual.compareTo(BigDecimal.valueOf(value)));
        } else {
            JsonNode node = found.get();
            measured = node.isValueNode()
                    ? node.asText()
                    : "<" + node.getNodeType().name().toLowerCase(Locale.ROOT) + ">";
        }
        return new ExpectationResult(expression(), path, op.symbol(), expectedText(), measured, passed);
    }

    private String expectedText() {
        return Json.plain(BigDecimal.valueOf(value));
    }
}
