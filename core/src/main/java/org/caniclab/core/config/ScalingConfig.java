package org.caniclab.core.config;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A hub's {@code scaling} table: its pools by name, iterated in lexicographic name order as Canic's
 * {@code BTreeMap} does (the bootstrap order).
 *
 * <pre>{@code
 * ScalingConfig cfg = ScalingConfig.builder()
 *     .pool("scales", new ScalePool(new CanisterRole("scale"), ScalePoolPolicy.DEFAULT))
 *     .build();
 * ScalingConfigValidator.requireValid(cfg);
 * }</pre>
 */
public final class ScalingConfig {
    // Rust orders String keys by UTF-8 bytes, which is code point order; String.compareTo compares UTF-16
    // units and disagrees for characters above U+FFFF versus U+E000..U+FFFF.
    private static final Comparator<String> NAME_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private final NavigableMap<String, ScalePool> pools;

    private ScalingConfig(Map<String, ScalePool> pools) {
        TreeMap<String, ScalePool> sorted = new TreeMap<>(NAME_ORDER);
        sorted.putAll(pools);
        this.pools = Collections.unmodifiableNavigableMap(sorted);
    }

    /** A configuration with the given pools. */
    public static ScalingConfig of(Map<String, ScalePool> pools) {
        return new ScalingConfig(pools);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Pools in name order. */
    public NavigableMap<String, ScalePool> pools() {
        return pools;
    }

    /** The pool called {@code name}, if configured. */
    public Optional<ScalePool> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    /** The pool called {@code name}, or null; the allocation-free lookup used on the planning path. */
    public ScalePool poolOrNull(String name) {
        return pools.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalingConfig c && pools.equals(c.pools);
    }

    @Override
    public int hashCode() {
        return pools.hashCode();
    }

    @Override
    public String toString() {
        return "ScalingConfig" + pools;
    }

    /** Builds a {@link ScalingConfig} pool by pool. */
    public static final class Builder {
        private final TreeMap<String, ScalePool> pools = new TreeMap<>();

        private Builder() {}

        public Builder pool(String name, ScalePool pool) {
            if (pools.putIfAbsent(name, pool) != null) {
                throw new IllegalArgumentException("scaling pool '" + name + "' is defined twice");
            }
            return this;
        }

        public ScalingConfig build() {
            return new ScalingConfig(pools);
        }
    }
}
