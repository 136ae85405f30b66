package org.caniclab.core.config;

/**
 * The sizing policy of one scaling pool, with Canic 0.33.3's defaults (initial 1, min 1, max 32).
 *
 * <p>{@code maxWorkers == 0} means "no maximum". Only negative values are rejected here; the cross-field
 * rules (max ≥ min and max ≥ initial when max > 0) are Canic's validation, see
 * {@link ScalingConfigValidator}, so that tests can also build configurations validation would reject.
 *
 * <pre>{@code
 * ScalePoolPolicy p = ScalePoolPolicy.DEFAULT.withMaxWorkers(4);   // initial 1, min 1, max 4
 * }</pre>
 */
public record ScalePoolPolicy(int initialWorkers, int minWorkers, int maxWorkers) {
    /** Canic's defaults: initial 1, min 1, max 32. */
    public static final ScalePoolPolicy DEFAULT = new ScalePoolPolicy(1, 1, 32);

    public ScalePoolPolicy {
        requireNonNegative("initial_workers", initialWorkers);
        requireNonNegative("min_workers", minWorkers);
        requireNonNegative("max_workers", maxWorkers);
    }

    /** True when the pool has a maximum ({@code max_workers > 0}). */
    public boolean bounded() {
        return maxWorkers > 0;
    }

    public ScalePoolPolicy withInitialWorkers(int v) {
        return new ScalePoolPolicy(v, minWorkers, maxWorkers);
    }

    public ScalePoolPolicy withMinWorkers(int v) {
        return new ScalePoolPolicy(initialWorkers, v, maxWorkers);
    }

    public ScalePoolPolicy withMaxWorkers(int v) {
        return new ScalePoolPolicy(initialWorkers, minWorkers, v);
    }

    private static void requireNonNegative(String field, int v) {
        if (v < 0) {
            throw new IllegalArgumentException("policy." + field + " is " + v + "; accepted are integers >= 0");
        }
    }
}
