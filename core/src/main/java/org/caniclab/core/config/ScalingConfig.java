package org.caniclab.core.config;

import java.util.Collections;
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
    private final NavigableMap<String, ScalePool> pools;

    private ScalingConfig(NavigableMap<String, ScalePool> pools) {
        this.pools = Collections.unmodifiableNavigableMap(new TreeMap<>(pools));
    }

    /** A configuration with the given pools. */
    public static ScalingConfig of(Map<String, ScalePool> pools) {
        return new ScalingConfig(new TreeMap<>(pools));
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
