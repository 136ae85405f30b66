package org.caniclab.reports;

import java.util.Objects;

/**
 * The verdict on one scenario expectation, as evaluated against {@code summary.json}; any failed
 * result makes the CLI exit with 1.
 *
 * <pre>{@code
 * ExpectationResult r = Expectation.parse("pools.api.overshoot_peak == 0").evaluate(summary);
 * if (!r.passed()) System.out.println(r.expression() + " measured " + r.measured());
 * }</pre>
 *
 * @param expression the expectation in canonical form ({@code path op value})
 * @param path dotted path into the summary
 * @param op comparison symbol
 * @param expected expected value as text
 * @param measured the value found at {@code path} as text, or {@code <missing>}
 * @param passed whether the comparison held
 */
public record ExpectationResult(
        String expression, String path, String op, String expected, String measured, boolean passed) {

    public ExpectationResult {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(measured, "measured");
    }
}
