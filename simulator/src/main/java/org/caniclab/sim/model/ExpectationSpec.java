package org.caniclab.sim.model;

import java.util.Objects;

/**
 * One entry of a scenario's {@code expect} list, kept as written: the expression text and where it came
 * from, so that whoever evaluates it (the CLI, with the reports module's {@code Expectation}) can report a
 * malformed one as {@code file:line: keyPath: problem}. The model does not parse it.
 *
 * <pre>{@code
 * ExpectationSpec e = scenario.expectations().get(0);
 * e.expression();   // "pools.api.overshoot_peak == 0"
 * e.file();         // "scenarios/bootstrap-race.toml"
 * e.line();         // 3 (0 when it came from --set)
 * e.keyPath();      // "expect[0]", or "expect[0] (from --set expect=[...])"
 * }</pre>
 */
public record ExpectationSpec(String expression, String file, int line, String keyPath) {
    public ExpectationSpec {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
        Check.that(line >= 0, "ExpectationSpec.line", line, ">= 0 (0 = unknown)");
    }

    /** An expectation built in code (tests, sweeps): no file or line. */
    public static ExpectationSpec of(String expression) {
        return new ExpectationSpec(expression, "", 0, "");
    }
}
