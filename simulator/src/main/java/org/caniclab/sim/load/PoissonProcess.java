package org.caniclab.sim.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.caniclab.sim.engine.Engine;
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
    private final RateSegment[] segments;
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
        this.segments = sorted.toArray(new RateSegment[0]);
    }

    @Override
    void deliver() {
        pool.arrive();
    }

    @Override
    long next() {
        double e = -Math.log(1.0 - rng.nextDouble());
        while (segment < segments.length) {
            RateSegment s = segments[segment];
            double length = (s.toNanos() - s.fromNanos()) / 1e9;
            double slope = (s.endRate() - s.startRate()) / length;
            double a = s.startRate() + slope * offsetSeconds;
            double rest = length - offsetSeconds;
            double mass = a * rest + slope * rest * rest / 2;
            if (e <= mass) {
                double disc = Math.max(0, a * a + 2 * slope * e);
                double d = 2 * e / (a + Math.sqrt(disc));
                offsetSeconds = Math.min(length, offsetSeconds + d);
                long t = s.fromNanos() + (long) Math.floor(offsetSeconds * 1e9);
                return Math.min(t, s.toNanos() - 1);
            }
            e -= Math.max(0, mass);
            segment++;
            offsetSeconds = 0;
        }
        return -1;
    }
}
