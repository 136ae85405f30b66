package org.caniclab.sim.engine;

import java.util.SplittableRandom;
import org.caniclab.sim.model.Distribution;

/**
 * Draws durations from a scenario {@link Distribution}, the same on every JVM and CPU: exponential and
 * log-normal durations come from a {@link Ziggurat} built with {@link StrictMath} (never {@code Math.log}
 * or {@code Math.exp}, which Java lets differ by CPU), uniform ones from IEEE arithmetic alone. A draw is
 * a function of its stream alone (usually one value from it, more on the ziggurat's rare slow paths), so
 * runs that share a stream's seed share its durations.
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
            return clamp(e.meanNanosValue() * Ziggurat.exponential(rng));
        }
        if (d instanceof Distribution.Uniform u) {
            double x = u.minNanos() + (u.maxNanos() - (double) u.minNanos()) * rng.nextDouble();
            return clamp(Math.floor(x));
        }
        if (d instanceof Distribution.LogNormal l) {
            return clamp(l.medianNanos() * StrictMath.exp(l.sigma() * Ziggurat.normal(rng)));
        }
        throw new IllegalArgumentException("unsupported distribution " + d);
    }

    /**
     * One standard exponential variate (mean 1), for processes that scale it themselves (the Poisson
     * arrivals' unit-rate gaps); the same on every JVM.
     */
    public static double standardExponential(SplittableRandom rng) {
        return Ziggurat.exponential(rng);
    }

    private static long clamp(double nanos) {
        if (!(nanos > 0)) {
            return 0;
        }
        return nanos >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : Math.round(nanos);
    }
}
