package org.caniclab.sim.model;

/** A distribution of durations in nanoseconds, sampled from a named random stream. */
public sealed interface Distribution {
    /** The mean, in nanoseconds (used for analytic checks and documentation). */
    double meanNanos();

    record Fixed(long nanos) implements Distribution {
        public double meanNanos() {
            return nanos;
        }
    }

    record Exponential(long meanNanosValue) implements Distribution {
        public double meanNanos() {
            return meanNanosValue;
        }
    }

    record Uniform(long minNanos, long maxNanos) implements Distribution {
        public double meanNanos() {
            return (minNanos + (double) maxNanos) / 2;
        }
    }

    /** Log-normal with the given median and shape sigma (heavy-tailed service or creation times). */
    record LogNormal(long medianNanos, double sigma) implements Distribution {
        public double meanNanos() {
            return medianNanos * Math.exp(sigma * sigma / 2);
        }
    }
}
