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
     * One exponential duration of mean {@code meanNanos}, in nanoseconds: exactly what {@link #sample} draws
     * for {@code new Distribution.Exponential(meanNanos)}, for a caller that resolved its distribution once
     * (a pool's service times) instead of testing its type on every draw.
     */
    public static long exponentialNanos(long meanNanos, SplittableRandom rng) {
        return clamp(meanNanos * Ziggurat.exponential(rng));
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
        if (nanos < 0x1p52) {
            // Math.round without its bit manipulation: for 0.5 <= x < 2^52, x + 0.5 is exact or rounds
            // without crossing an integer, so truncating it rounds half up as Math.round does (checked
            // against Math.round on every binade, at and beside each half); below 0.5 Math.round gives 0.
            return nanos >= 0.5 ? (long) (nanos + 0.5) : 0;
        }
        return nanos >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : Math.round(nanos);
    }
}
