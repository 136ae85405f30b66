package org.caniclab.bench.gate;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One row of a JMH run: a benchmark at one parameter combination, its primary score and, when the run
 * used {@code -prof gc}, its allocation per operation ({@code gc.alloc.rate.norm}).
 *
 * @param benchmark the fully qualified benchmark method, as JMH writes it
 * @param params the {@code @Param} values, by name
 * @param mode JMH's mode label ({@code avgt}, {@code thrpt}, ...)
 * @param score the primary metric's score
 * @param error the half-width of its 99.9% confidence interval; NaN when JMH had too few samples
 * @param median the median of the measurement iterations of every fork, in the score's unit; the
 *     score when the file has no raw data
 * @param unit the score's unit, e.g. {@code ns/op} or {@code ops/s}
 * @param bytesPerOp bytes allocated per operation, median iteration like {@code median}, or null when
 *     the run had no GC profiler. The median matters here too: on a loaded machine the JIT may still be
 *     compiling during the first measured iteration, whose interpreted calls allocate what compiled
 *     code does not (a plan record that escape analysis removes later)
 */
record BenchmarkResult(String benchmark, SortedMap<String, String> params, String mode, double score,
        double error, double median, String unit, Double bytesPerOp) {

    BenchmarkResult {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** {@code Class.method}: the benchmark without its package, as gates.toml names it. */
    String shortName() {
        return shortName(benchmark);
    }

    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** {@code name=value} pairs in name order, comma separated; empty when the benchmark has none. */
    String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The median iteration as nanoseconds per operation, whatever unit JMH reported, so that ratios
     * compare like with like: a time-per-operation unit is scaled, a throughput unit ({@code ops/s})
     * inverted. Ratios and gates use this rather than the mean score: on a noisy machine one iteration
     * that stalled (another process, a GC of the harness) moves a mean of three iterations a lot and a
     * median not at all.
     *
     * @throws IllegalArgumentException for a unit that is neither
     */
    double nanosPerOp() {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return median * nanosIn(u.substring(0, u.length() - 3), u);
        }
        if (u.startsWith("ops/")) {
            return nanosIn(u.substring(4), u) / median;
        }
        throw new IllegalArgumentException("unit '" + unit + "' of " + benchmark
                + " is neither a time per operation (ns/op) nor a throughput (ops/s)");
    }

    /** True when every entry of {@code wanted} is among this result's params. */
    boolean hasParams(Map<String, String> wanted) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static double nanosIn(String timeUnit, String whole) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("unit '" + whole + "' has unknown time unit '"
                    + timeUnit + "'; accepted: ns, us, ms, s, min");
        };
    }
}
