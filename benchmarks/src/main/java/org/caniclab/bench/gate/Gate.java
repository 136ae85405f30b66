package org.caniclab.bench.gate;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One check of {@code gates.toml}. A gate selects results by benchmark name and parameters, and each
 * selected result is checked on its own.
 */
sealed interface Gate permits Gate.Ratio, Gate.Allocation {
    /** The gate's name, unique in its file: what a failure report leads with. */
    String name();

    /** What regression the gate catches, one sentence. */
    String protects();

    /** The benchmarks checked: {@code Class.method}, {@code *} matching any run of characters. */
    String benchmark();

    /** Parameters a result must have to be checked; results without the key are not selected. */
    Map<String, String> params();

    /** True when {@code r} is one of the results this gate checks. */
    default boolean selects(BenchmarkResult r) {
        return matches(benchmark(), r.shortName()) && r.hasParams(params());
    }

    /**
     * Time per operation of each selected result divided by that of its baseline, which must lie within
     * {@code [minRatio, maxRatio]} (either bound may be absent, never both).
     *
     * @param baseline the baseline benchmark ({@code Class.method}, no wildcard)
     * @param baselineParams the baseline's parameters: the selected result's, with these overriding
     */
    record Ratio(String name, String protects, String benchmark, Map<String, String> params,
            String baseline, Map<String, String> baselineParams, Double minRatio, Double maxRatio)
            implements Gate {
        public Ratio {
            params = Map.copyOf(params);
            baselineParams = Map.copyOf(baselineParams);
        }
    }

    /** Bytes allocated per operation of each selected result ({@code -prof gc}) must be at most the limit. */
    record Allocation(String name, String protects, String benchmark, Map<String, String> params,
            double maxBytesPerOp) implements Gate {
        public Allocation {
            params = Map.copyOf(params);
        }
    }

    /** {@code pattern} against a {@code Class.method} name; {@code *} matches any run of characters. */
    static boolean matches(String pattern, String shortName) {
        String re = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.matches(re, shortName);
    }
}
