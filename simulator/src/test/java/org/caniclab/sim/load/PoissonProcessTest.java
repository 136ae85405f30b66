package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.LoadSource.RateSegment;
import org.junit.jupiter.api.Test;

class PoissonProcessTest {

    /** Arrival times of a source run to {@code end}. */
    private static List<Long> arrivals(List<RateSegment> schedule, long seed, long end) {
        Engine engine = new Engine();
        List<Long> times = new ArrayList<>();
        PoissonProcess p = new PoissonProcess("src", () -> times.add(engine.now()), schedule,
                new SplittableRandom(seed), engine, end);
        p.start();
        engine.runUntil(end);
        return times;
    }

    private static long count(List<Long> times, long from, long to) {
        return times.stream().filter(t -> t >= from && t < to).count();
    }

    /** |observed − expected| within 4 Poisson standard deviations. */
    private static void assertPoisson(double expected, long observed, String what) {
        assertTrue(Math.abs(observed - expected) < 4 * Math.sqrt(expected),
                what + ": expected ~" + expected + ", observed " + observed);
    }

    @Test
    void constantRateGivesPoissonCounts() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> t = arrivals(List.of(new RateSegment(0, 100 * S, 200, 200)), seed, 200 * S);
            assertPoisson(20_000, t.size(), "seed " + seed);
            for (int i = 1; i < t.size(); i++) {
                assertTrue(t.get(i) >= t.get(i - 1), "seed " + seed + ": arrivals out of order");
            }
            // Exponential gaps: the share of gaps above the mean is e^-1.
            long above = 0;
            for (int i = 1; i < t.size(); i++) {
                if (t.get(i) - t.get(i - 1) > S / 200) {
                    above++;
                }
            }
            assertEquals(Math.exp(-1), (double) above / (t.size() - 1), 0.015, "seed " + seed);
        }
    }

    @Test
    void linearRampFollowsTheIntegratedRate() {
        // 0 -> 1000 req/s over 100 s: Λ(t) = 5 t², so [0,50) holds 12_500 and [50,100) 37_500 arrivals.
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> t = arrivals(List.of(new RateSegment(0, 100 * S, 0, 1000)), seed, 100 * S);
            assertPoisson(12_500, count(t, 0, 50 * S), "seed " + seed + " first half");
            assertPoisson(37_500, count(t, 50 * S, 100 * S), "seed " + seed + " second half");
            assertPoisson(5 * 10 * 10, count(t, 0, 10 * S), "seed " + seed + " first 10 s");
            assertPoisson(5 * (100 * 100 - 90 * 90), count(t, 90 * S, 100 * S), "seed " + seed + " last 10 s");
        }
    }

    @Test
    void rampDownAndGapsBetweenSegments() {
        // 1000 -> 0 over [10, 30) s (10_000 expected), nothing in [30, 40), 50 req/s over [40, 60).
        List<RateSegment> schedule = List.of(new RateSegment(40 * S, 60 * S, 50, 50),
                new RateSegment(10 * S, 30 * S, 1000, 0));
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> t = arrivals(schedule, seed, 100 * S);
            assertEquals(0, count(t, 0, 10 * S), "seed " + seed);
            assertPoisson(10_000, count(t, 10 * S, 30 * S), "seed " + seed);
            assertPoisson(7_500, count(t, 10 * S, 20 * S), "seed " + seed + " ramp-down first half");
            assertEquals(0, count(t, 30 * S, 40 * S), "seed " + seed);
            assertPoisson(1_000, count(t, 40 * S, 60 * S), "seed " + seed);
            assertEquals(0, count(t, 60 * S, 100 * S), "seed " + seed);
        }
    }

    @Test
    void stopsAtTheEndOfTheRun() {
        List<Long> t = arrivals(List.of(new RateSegment(0, 100 * S, 100, 100)), 3, 10 * S);
        assertTrue(t.stream().allMatch(x -> x < 10 * S));
        assertPoisson(1_000, t.size(), "seed 3");
    }

    @Test
    void rejectsOverlappingOrEmptySegments() {
        Engine engine = new Engine();
        Pool pool = LoadTestSupport.countingPool(engine, "p");
        assertThrows(IllegalArgumentException.class, () -> new PoissonProcess("x", pool,
                List.of(new RateSegment(0, 10 * S, 1, 1), new RateSegment(5 * S, 20 * S, 1, 1)),
                new SplittableRandom(1), engine, S));
        assertThrows(IllegalArgumentException.class, () -> new PoissonProcess("x", pool,
                List.of(new RateSegment(10, 10, 1, 1)), new SplittableRandom(1), engine, S));
        assertThrows(IllegalArgumentException.class, () -> new PoissonProcess("x", pool,
                List.of(new RateSegment(0, 10, -1, 1)), new SplittableRandom(1), engine, S));
    }
}
