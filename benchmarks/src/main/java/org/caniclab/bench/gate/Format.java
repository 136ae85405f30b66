package org.caniclab.bench.gate;

import java.util.Locale;

/** Number formats of the results table and gate report: readable at every magnitude, Locale.ROOT. */
final class Format {
    private Format() {}

    /** A score: three significant digits below 100, whole numbers above. */
    static String score(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A ratio, e.g. {@code 1.04}, {@code 0.000213}, {@code 27431}. */
    static String ratio(double v) {
        return score(v);
    }

    /** Bytes per operation: two decimals below 10 (so that 0.00 reads as allocation-free), whole above. */
    static String bytes(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A time per operation with its unit, e.g. {@code 3.12 ns}, {@code 412 µs}. */
    static String time(double nanos) {
        if (nanos >= 1e9) {
            return score(nanos / 1e9) + " s";
        }
        if (nanos >= 1e6) {
            return score(nanos / 1e6) + " ms";
        }
        if (nanos >= 1e3) {
            return score(nanos / 1e3) + " µs";
        }
        return score(nanos) + " ns";
    }
}
