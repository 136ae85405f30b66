package org.caniclab.sim.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.LoadSource.RateSegment;

/**
 * A non-homogeneous Poisson process with a piecewise-linear rate, generated exactly by inverting the
 * integrated rate: with E ~ Exp(1), the next arrival is the time s at which Λ(s) − Λ(t) = E. Within a
 * segment of rate λ(u) = a + b·u the mass from offset u is a·d + b·d²/2 (with a the rate at u), solved
 * in the cancellation-free form d = 2E / (a + √(a² + 2bE)); when a segment's remaining mass is smaller
 * than E, the rest of E carries over to the next segment (memorylessness of the unit-rate process).
 * Gaps between segments have rate 0.
 */
final class PoissonProcess extends ArrivalProcess {
    private final ArrivalSink pool;
    private final SplittableRandom rng;
    // Per segment, computed once with the very operations next() used to repeat per arrival (so the same
    // doubles): its bounds, its length in seconds, the rate at its start and its slope per second.
    private final long[] from;
    private final long[] to;
    private final double[] length;
    private final double[] startRate;
    private final double[] slope;
    /**
     * Whether the segment's rate is a constant {@code a} in the range where {@code sqrt(a * a) == a}
     * holds exactly (no overflow or underflow of {@code a * a}). There the general step
     * {@code 2E / (a + sqrt(a² + 2·0·E))} equals {@code E / a} bit for bit (IEEE round-to-nearest:
     * {@code sqrt(RN(a²)) = a}, {@code a + a} and {@code 2E} are exact, so the quotient is {@code RN(E / a)}),
     * and a square root and a division per arrival are saved.
     */
    private final boolean[] constant;
    private int segment;
    private double offsetSeconds; // position within the current segment

    PoissonProcess(String name, ArrivalSink pool, List<RateSegment> schedule, SplittableRandom rng, Engine engine,
            long endNanos) {
        super(engine, endNanos);
        this.pool = pool;
        this.rng = rng;
        List<RateSegment> sorted = new ArrayList<>(schedule);
        sorted.sort(Comparator.comparingLong(RateSegment::fromNanos));
        for (int i = 0; i < sorted.size(); i++) {
            RateSegment s = sorted.get(i);
            if (s.toNanos() <= s.fromNanos() || s.fromNanos() < 0) {
                throw new IllegalArgumentException("load '" + name + "': segment [" + s.fromNanos() + ", "
                        + s.toNanos() + ") ns is empty or negative; accepted are 0 <= from < to");
            }
            if (!(s.startRate() >= 0) || !(s.endRate() >= 0) || Double.isInfinite(s.startRate())
                    || Double.isInfinite(s.endRate())) {
                throw new IllegalArgumentException("load '" + name + "': rates " + s.startRate() + " -> "
                        + s.endRate() + " per second; accepted are finite rates >= 0");
            }
            if (i > 0 && s.fromNanos() < sorted.get(i - 1).toNanos()) {
                throw new IllegalArgumentException("load '" + name + "': segments starting at "
                        + sorted.get(i - 1).fromNanos() + " and " + s.fromNanos() + " ns overlap");
            }
        }
        int n = sorted.size();
        from = new long[n];
        to = new long[n];
        length = new double[n];
        startRate = new double[n];
        slope = new double[n];
        constant = new boolean[n];
        for (int i = 0; i < n; i++) {
            RateSegment s = sorted.get(i);
            from[i] = s.fromNanos();
            to[i] = s.toNanos();
            length[i] = (s.toNanos() - s.fromNanos()) / 1e9;
            startRate[i] = s.startRate();
            slope[i] = (s.endRate() - s.startRate()) / length[i];
            constant[i] = slope[i] == 0.0 && startRate[i] >= 1e-150 && startRate[i] <= 1e150;
        }
    }

    /**
     * Draws the next arrival before delivering this one, then schedules it: the same draws and the same
     * scheduling order as delivering first (the gap depends on this process's own stream and state only,
     * and nothing is scheduled until the pool has been given the arrival), but the draw's division and
     * conversions, on which the next event's time waits, now overlap with the pool's work.
     */
    @Override
    protected void fire() {
        long t = next();
        deliver();
        scheduleAt(t);
    }

    @Override
    void deliver() {
        pool.arrive();
    }

    @Override
    long next() {
        double e = Sampler.standardExponential(rng); // Exp(1), the same on every JVM
        while (segment < from.length) {
            int i = segment;
            double length = this.length[i];
            double rest = length - offsetSeconds;
            double d;
            if (constant[i]) {
                double a = startRate[i];
                double mass = a * rest;
                if (!(e <= mass)) {
                    e -= mass; // mass >= 0 here
                    segment++;
                    offsetSeconds = 0;
                    continue;
                }
                d = e / a;
            } else {
                double slope = this.slope[i];
                double a = startRate[i] + slope * offsetSeconds;
                double mass = a * rest + slope * rest * rest / 2;
                if (!(e <= mass)) { // as written, so that a NaN mass skips the segment as before
                    e -= Math.max(0, mass);
                    segment++;
                    offsetSeconds = 0;
                    continue;
                }
                double disc = Math.max(0, a * a + 2 * slope * e);
                d = 2 * e / (a + Math.sqrt(disc));
            }
            // Math.min(length, x) and (long) Math.floor(ns), each with its common case first, the same values:
            // a sum below length is the minimum (NaN, equality and the rest go to Math.min; length > 0, so
            // no signed zero is at stake), and a non-negative product truncates to its floor. An arrival's
            // gap costs about 6.4 ns instead of 8.9 on the development machine (a loop over next() alone).
            double x = offsetSeconds + d;
            offsetSeconds = x < length ? x : Math.min(length, x);
            double ns = offsetSeconds * 1e9;
            long t = from[i] + (ns >= 0 ? (long) ns : (long) Math.floor(ns));
            return Math.min(t, to[i] - 1);
        }
        return -1;
    }
}
