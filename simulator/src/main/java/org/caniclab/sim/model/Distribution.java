package org.caniclab.sim.model;

/**
 * A distribution of durations in nanoseconds, sampled from a named random stream. Every parameter is
 * checked on construction, so a sampler never meets a negative duration or a mean of 0 where one is
 * needed.
 *
 * <pre>{@code
 * Distribution d = new Distribution.LogNormal(4_500_000_000L, 0.25);
 * double mean = d.meanNanos();
 * }</pre>
 */
public sealed interface Distribution {
    /** The mean, in nanoseconds (used for analytic checks and documentation). */
    double meanNanos();

    /** Always {@code nanos} (>= 0). */
    record Fixed(long nanos) implements Distribution {
        public Fixed {
            Check.nonNegative(nanos, "Distribution.Fixed.nanos");
        }

        public double meanNanos() {
            return nanos;
        }
    }

    /** Exponential with mean {@code meanNanosValue} (> 0). */
    record Exponential(long meanNanosValue) implements Distribution {
        public Exponential {
            Check.positive(meanNanosValue, "Distribution.Exponential.meanNanosValue");
        }

        public double meanNanos() {
            return meanNanosValue;
        }
    }

    /** Uniform on {@code [minNanos, maxNanos]}, {@code 0 <= min <= max}. */
    record Uniform(long minNanos, long maxNanos) implements Distribution {
        public Uniform {
            Check.nonNegative(minNanos, "Distribution.Uniform.minNanos");
            Check.that(maxNanos >= minNanos, "Distribution.Uniform.maxNanos", maxNanos, ">= minNanos " + minNanos);
        }

        public double meanNanos() {
            return (minNanos + (double) maxNanos) / 2;
        }
    }

    /** Log-normal with the given median (> 0) and shape sigma (0 to 10): heavy-tailed service or creation times. */
    record LogNormal(long medianNanos, double sigma) implements Distribution {
        public LogNormal {
            Check.positive(medianNanos, "Distribution.LogNormal.medianNanos");
            Check.that(sigma >= 0 && sigma <= 10, "Distribution.LogNormal.sigma", sigma, "from 0 to 10");
        }

        public double meanNanos() {
            return medianNanos * StrictMath.exp(sigma * sigma / 2); // StrictMath: feeds the autoscaler, the same on every JVM
        }
    }
}
