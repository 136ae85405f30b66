package org.caniclab.sim.ic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caniclab.sim.engine.Engine;
import org.junit.jupiter.api.Test;

/** The hub timer: one tick a round at most, whatever the interval, and its cost independent of the interval. */
class PeriodicTest {
    private static List<Long> ticks(long interval, long round, long until) {
        Engine engine = new Engine();
        List<Long> at = new ArrayList<>();
        new Periodic(engine, new Rounds(round), interval, () -> at.add(engine.now())).schedule();
        engine.runUntil(until);
        return at;
    }

    @Test
    void aNanosecondIntervalTicksOnceARoundAndFinishesPromptly() {
        // 1 ns against 900 ms rounds: 9·10^8 nominal ticks a round, each of which used to be stepped over one by one.
        List<Long> at = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ticks(1, 900_000_000L, 60_000_000_000L));
        assertEquals(66, at.size());
        for (int i = 0; i < at.size(); i++) {
            assertEquals((i + 1) * 900_000_000L, at.get(i));
        }
    }

    @Test
    void skippingMatchesSteppingForIntervalsShorterThanARound() {
        // 7 ns ticks against 10 ns rounds: the tick whose nominal time falls inside a round fires at its end.
        List<Long> at = ticks(7, 10, 100);
        List<Long> expected = new ArrayList<>();
        long previous = 0;
        for (long k = 1; k * 7 <= 100; k++) {
            long boundary = (k * 7 + 9) / 10 * 10;
            if (boundary > previous && boundary <= 100) {
                expected.add(boundary);
                previous = boundary;
            }
        }
        assertEquals(expected, at);
    }
}
