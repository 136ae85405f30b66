package org.caniclab.sim.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code [sweep]} section: the study a scenario states for {@code caniclab sweep} — which keys to vary over
 * which values (the cross product is the set of variants, first key slowest) and how many replications of each.
 * {@code replay} ignores it; {@code sweep}'s {@code --vary} and {@code --replications} override it.
 *
 * <pre>{@code
 * SweepSpec s = new SweepSpec(List.of(new SweepSpec.Vary("hub.mode", List.of("seed-0.33.3", "reserved"))), 10);
 * s.vary().get(0).values();   // [seed-0.33.3, reserved]
 * }</pre>
 *
 * @param vary the keys in the order written; each a {@code --set} key path, each value its {@code --set} text
 * @param replications runs per variant, at least 1
 */
public record SweepSpec(List<Vary> vary, int replications) {
    public SweepSpec {
        vary = List.copyOf(vary);
        Check.that(replications >= 1, "SweepSpec.replications", replications, ">= 1");
        Set<String> keys = new HashSet<>();
        for (Vary v : vary) {
            Check.that(keys.add(v.key()), "SweepSpec.vary key", "\"" + v.key() + "\"", "each key varied once");
        }
    }

    /**
     * One varied key and its values.
     *
     * @param values as {@code --set} would take them ({@code 0.5}, {@code reserved}), at least one
     */
    public record Vary(String key, List<String> values) {
        public Vary {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
            Check.that(!values.isEmpty(), "SweepSpec.Vary.values", "[]", "one or more values");
        }
    }
}
