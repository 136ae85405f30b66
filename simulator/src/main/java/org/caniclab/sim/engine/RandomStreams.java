package org.caniclab.sim.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from one scenario seed. A stream's seed depends only on the run seed and
 * the stream's name, so adding a load source or a fault window does not change the numbers any other
 * part of the scenario draws (common random numbers across compared runs).
 *
 * <p>Names used by the simulator: {@code pool/<name>/service}, {@code pool/<name>/router},
 * {@code pool/<name>/create_latency} and {@code pool/<name>/fault/<index>/<kind>} (root's draws for that pool's
 * creates), {@code load/<name>}.
 *
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * SplittableRandom service = streams.stream("pool/api/service");
 * }</pre>
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A fresh stream for {@code name}; asking twice for one name gives two identical streams. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(streamSeed(seed, name));
    }

    /**
     * The 64-bit seed of stream {@code name}: SplitMix64's finaliser folded over the run seed, the name's
     * UTF-8 bytes and its length. Fixed forever, so recorded results stay reproducible.
     */
    public static long streamSeed(long seed, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        long h = mix64(seed ^ 0x6A09E667F3BCC909L);
        for (byte b : bytes) {
            h = mix64(h + 0x9E3779B97F4A7C15L + (b & 0xFF));
        }
        return mix64(h ^ bytes.length);
    }

    /** SplitMix64's output function (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
