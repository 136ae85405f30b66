package org.caniclab.sim.model;

/** The model's invariant checks: one message form, {@code <record>.<component> <value> ...; accepted: ...}. */
final class Check {
    private Check() {}

    static void that(boolean ok, String what, Object value, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(what + " " + value + " is not accepted; accepted: " + accepted);
        }
    }

    static long nonNegative(long v, String what) {
        that(v >= 0, what, v, ">= 0");
        return v;
    }

    static long positive(long v, String what) {
        that(v > 0, what, v, "> 0");
        return v;
    }
}
