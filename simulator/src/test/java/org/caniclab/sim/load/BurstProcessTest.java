package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.caniclab.sim.engine.Engine;
import org.junit.jupiter.api.Test;

class BurstProcessTest {

    private static List<Long> burst(long at, int n, long spread, long seed) {
        Engine engine = new Engine();
        List<Long> times = new ArrayList<>();
        BurstProcess b = new BurstProcess("b", () -> times.add(engine.now()), at, n, spread,
                new SplittableRandom(seed), engine, 1_000 * S);
        b.start();
        engine.runUntil(1_000 * S);
        return times;
    }

    @Test
    void deliversExactlyNArrivalsInOrderInsideTheWindow() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Long> t = burst(10 * S, 50_000, 2 * S, seed);
            assertEquals(50_000, t.size(), "seed " + seed);
            for (int i = 1; i < t.size(); i++) {
                assertTrue(t.get(i) >= t.get(i - 1), "seed " + seed);
            }
            assertTrue(t.get(0) >= 10 * S && t.get(t.size() - 1) < 12 * S, "seed " + seed);
            // Uniform: each quarter of the window holds ~12_500 (sd ≈ 97).
            for (int q = 0; q < 4; q++) {
                long from = 10 * S + q * S / 2;
                long n = t.stream().filter(x -> x >= from && x < from + S / 2).count();
                assertEquals(12_500, n, 500, "seed " + seed + " quarter " + q);
            }
        }
    }

    @Test
    void zeroSpreadArrivesAtOneInstant() {
        List<Long> t = burst(5 * S, 1_000, 0, 1);
        assertEquals(1_000, t.size());
        assertTrue(t.stream().allMatch(x -> x == 5 * S));
    }
}
