package org.caniclab.sim.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A study: one scenario file, the overrides every run shares, the keys to vary and their values (the cross product
 * is the set of variants, first key slowest), and how many replications of each.
 *
 * <pre>{@code
 * SweepPlan plan = new SweepPlan(Path.of("scenarios/steady.toml"), List.of(),
 *         List.of(new SweepPlan.Vary("hub.mode", List.of("seed-0.33.3", "reserved"))), 10, OptionalLong.empty());
 * plan.variants();   // [[seed-0.33.3], [reserved]]
 * }</pre>
 *
 * @param seed the base seed (the CLI's {@code --seed}); empty: the scenario's {@code run.seed}
 */
public record SweepPlan(Path scenario, List<String> overrides, List<Vary> vary, int replications, OptionalLong seed) {
    /** Most runs one sweep may plan; a larger study is several sweeps (or a higher limit here, deliberately). */
    public static final int MAX_RUNS = 1_000_000;

    public SweepPlan {
        Objects.requireNonNull(scenario, "scenario");
        overrides = List.copyOf(overrides);
        vary = List.copyOf(vary);
        Objects.requireNonNull(seed, "seed");
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be >= 1, got " + replications);
        }
        long runs = replications;
        for (Vary v : vary) {
            runs *= v.values().size();
            if (runs > MAX_RUNS) {
                throw new IllegalArgumentException("the sweep plans more than " + MAX_RUNS + " runs");
            }
        }
    }

    /** One varied key and its values, in the order given. */
    public record Vary(String key, List<String> values) {
        public Vary {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("--vary " + key + " has no values");
            }
        }
    }

    /** The varied keys. */
    public List<String> keys() {
        return vary.stream().map(Vary::key).toList();
    }

    /** The cross product of the values, first key slowest; one empty variant when nothing is varied. */
    public List<List<String>> variants() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Vary v : vary) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String value : v.values()) {
                    List<String> p = new ArrayList<>(prefix);
                    p.add(value);
                    next.add(List.copyOf(p));
                }
            }
            out = next;
        }
        return out;
    }

    /** The {@code key=value} overrides of one variant, after the shared ones. */
    public List<String> overridesOf(List<String> variant) {
        List<String> sets = new ArrayList<>(overrides);
        for (int k = 0; k < vary.size(); k++) {
            sets.add(vary.get(k).key() + "=" + variant.get(k));
        }
        return sets;
    }

    /**
     * Replication r's seed: the base seed itself for r = 0 (so a sweep's first replication is what {@code replay}
     * runs), else SplitMix64's finaliser over the base seed and r. Every variant uses the same seeds, so variants
     * share their random streams and comparisons can be paired (common random numbers).
     */
    public static long seedOf(long base, int replication) {
        if (replication == 0) {
            return base;
        }
        long z = base + 0x9E3779B97F4A7C15L * replication;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE; // seeds are shown and accepted as 0 .. 2^63-1
    }
}
