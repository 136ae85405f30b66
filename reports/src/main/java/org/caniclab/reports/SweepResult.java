package org.caniclab.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What a sweep produced: the plan (the varied keys and each variant's values, replications, seeds) and one row of
 * figures per run, in plan order (variant by variant, replication by replication), whatever order the runs finished
 * in.
 *
 * <pre>{@code
 * SweepResult r = new SweepResult(header, List.of("hub.mode"), variants, runs);
 * List<SweepStatistics.Row> rows = SweepStatistics.aggregate(r);
 * }</pre>
 *
 * @param varied the {@code --vary} keys, in the order given
 * @param variants the cross product of their values, first key slowest
 * @param runs one per variant and replication, in plan order
 */
public record SweepResult(Header header, List<String> varied, List<Variant> variants, List<Run> runs) {
    public SweepResult {
        Objects.requireNonNull(header, "header");
        varied = List.copyOf(varied);
        variants = List.copyOf(variants);
        runs = List.copyOf(runs);
        for (Variant v : variants) {
            if (v.values().size() != varied.size()) {
                throw new IllegalArgumentException("variant " + v.index() + " has " + v.values().size()
                        + " values for " + varied.size() + " varied keys");
            }
        }
    }

    /**
     * How the sweep was made, recorded in {@code sweep.json}.
     *
     * @param overrides the {@code --set} overrides every variant shares
     * @param seeds replication r's seed, the same in every variant (common random numbers)
     */
    public record Header(String scenario, String scenarioFile, String backend, String toolVersion,
            List<String> overrides, int replications, List<Long> seeds) {
        public Header {
            overrides = List.copyOf(overrides);
            seeds = List.copyOf(seeds);
        }
    }

    /** One point of the cross product: the value of each varied key. */
    public record Variant(int index, List<String> values) {
        public Variant {
            values = List.copyOf(values);
        }
    }

    /** One run: its variant, replication, seed and every figure of its summary ({@link SummaryScalars}). */
    public record Run(int variant, int replication, long seed, LinkedHashMap<String, Double> figures) {}
}
