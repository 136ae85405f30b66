package org.caniclab.bench.gate;

/**
 * The verdict of one gate on one selected result (or on none, when nothing was selected).
 *
 * @param gate the gate's name
 * @param benchmark the checked benchmark ({@code Class.method}), or the gate's pattern when none matched
 * @param params the checked result's parameters, as text
 * @param measured what was measured, formatted (a ratio or bytes per operation)
 * @param limit the bound, formatted
 * @param verdict pass, fail or skipped
 * @param note why it failed or was skipped; empty on a pass
 */
record GateOutcome(String gate, String benchmark, String params, String measured, String limit,
        Verdict verdict, String note) {

    enum Verdict {
        PASS,
        FAIL,
        /** Nothing selected, and the check was told to allow that ({@code --allow-missing}). */
        SKIPPED
    }

    boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
