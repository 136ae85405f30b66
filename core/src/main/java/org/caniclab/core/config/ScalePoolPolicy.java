package org.caniclab.core.config;

/**
 * The sizing policy of one scaling pool, with Canic 0.33.3's defaults (initial 1, min 1, max 32).
 *
 * <p>The three fields are {@code u32} in Canic, so every value from 0 to 2³²−1 is valid. They are held as Java
 * {@code int}s read as <em>unsigned</em>: the bit pattern of {@code -1} is 4 294 967 295. Everything in the core
 * compares them with {@link Integer#compareUnsigned} and prints them with {@link Integer#toUnsignedString}; the
 * {@code *Unsigned()} accessors give them as {@code long}s for code outside. {@link #ofU32} builds a policy from
 * values read elsewhere (a file) and refuses anything outside [0, 2³²−1], naming the field.
 *
 * <p>{@code maxWorkers == 0} means "no maximum". The cross-field rules (max ≥ min and max ≥ initial when max > 0) are
 * Canic's validation, see {@link ScalingConfigValidator}, so that tests can also build configurations validation
 * would reject.
 *
 * <pre>{@code
 * ScalePoolPolicy p = ScalePoolPolicy.DEFAULT.withMaxWorkers(4);         // initial 1, min 1, max 4
 * ScalePoolPolicy huge = ScalePoolPolicy.ofU32(1, 1, 4_294_967_295L);    // max is u32::MAX
 * assert huge.maxWorkersUnsigned() == 4_294_967_295L && huge.maxWorkers() == -1;
 * }</pre>
 *
 * @param initialWorkers {@code initial_workers}, an unsigned 32-bit value
 * @param minWorkers {@code min_workers}, an unsigned 32-bit value
 * @param maxWorkers {@code max_workers}, an unsigned 32-bit value; 0 is no maximum
 */
public record ScalePoolPolicy(int initialWorkers, int minWorkers, int maxWorkers) {
    /** Canic's defaults: initial 1, min 1, max 32. */
    public static final ScalePoolPolicy DEFAULT = new ScalePoolPolicy(1, 1, 32);

    /** The largest value of a {@code u32} field, 2³²−1. */
    public static final long U32_MAX = 0xFFFF_FFFFL;

    /**
     * A policy from values given as {@code long}s.
     *
     * @throws IllegalArgumentException when a value is outside [0, 2³²−1], naming the first such field
     */
    public static ScalePoolPolicy ofU32(long initialWorkers, long minWorkers, long maxWorkers) {
        return new ScalePoolPolicy(u32("initial_workers", initialWorkers), u32("min_workers", minWorkers),
                u32("max_workers", maxWorkers));
    }

    /** True when the pool has a maximum ({@code max_workers != 0}). */
    public boolean bounded() {
        return maxWorkers != 0;
    }

    public long initialWorkersUnsigned() {
        return Integer.toUnsignedLong(initialWorkers);
    }

    public long minWorkersUnsigned() {
        return Integer.toUnsignedLong(minWorkers);
    }

    public long maxWorkersUnsigned() {
        return Integer.toUnsignedLong(maxWorkers);
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

    @Override
    public String toString() {
        return "ScalePoolPolicy[initialWorkers=" + Integer.toUnsignedString(initialWorkers) + ", minWorkers="
                + Integer.toUnsignedString(minWorkers) + ", maxWorkers=" + Integer.toUnsignedString(maxWorkers) + "]";
    }

    private static int u32(String field, long v) {
        if (v < 0 || v > U32_MAX) {
            throw new IllegalArgumentException("policy." + field + " is " + v + "; accepted are integers 0 to "
                    + U32_MAX);
        }
        return (int) v;
    }
}
