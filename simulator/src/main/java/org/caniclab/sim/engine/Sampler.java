package org.caniclab.sim.engine;

import java.util.SplittableRandom;
import org.caniclab.sim.model.Distribution;

/**
 * Draws durations from a scenario {@link Distribution}. Every draw consumes a fixed number of values from
 * the stream for a given distribution kind (one, or the Gaussian generator's own), so streams stay
 * aligned across runs that differ elsewhere.
 *
 * <pre>{@code
 * long service = Sampler.sample(new Distribution.Exponential(10_000_000), rng);   // mean 10 ms
 * }</pre>
 */
public final class Sampler {
    private Sampler() {}

    /** One duration in nanoseconds, never negative. */
    public static long sample(Distribution d, SplittableRandom rng) {
        if (d instanceof Distribution.Fixed f) {
            return Math.max(0, f.nanos());
        }
        if (d instanceof Distribution.Exponential e) {
            // 1 - U is in (0, 1], so the logarithm is finite.
            double x = -e.meanNanosValue() * Math.log(1.0 - rng.nextDouble());
            return clamp(x);
        }
        if (d instanceof Distribution.Uniform u) {
            double x = u.minNanos() + (u.maxNanos() - (double) u.minNanos()) * rng.nextDouble();
            return clamp(Math.floor(x));
        }
        if (d instanceof Distribution.LogNormal l) {
            return clamp(l.medianNanos() * Math.exp(l.sigma() * rng.nextGaussian()));
        }
        throw new IllegalArgumentException("unsupported distribution " + d);
    }

    private static long clamp(double nanos) {
        if (!(nanos > 0)) {
            return 0;
        }
        return nanos >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : Math.round(nanos);
    }
}
