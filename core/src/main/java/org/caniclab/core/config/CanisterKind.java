package org.caniclab.core.config;

import java.util.Locale;

/** The {@code kind} of a role in {@code canic.toml} 0.33.3; only singletons own pools, workers are replicas. */
public enum CanisterKind {
    ROOT,
    SINGLETON,
    REPLICA,
    SHARD,
    INSTANCE;

    /** The lowercase label used in {@code canic.toml}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
