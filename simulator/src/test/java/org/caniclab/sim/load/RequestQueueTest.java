package org.caniclab.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestQueueTest {

    @Test
    void keepsPairsInFifoOrderThroughWrapsAndGrowth() {
        SplittableRandom rng = new SplittableRandom(11);
        RequestQueue q = new RequestQueue();
        ArrayDeque<long[]> expected = new ArrayDeque<>();
        long next = 0;
        for (int step = 0; step < 20_000; step++) {
            // Bursts of adds and removes, so the head wraps around at many sizes and the ring grows mid-wrap.
            if (expected.isEmpty() || rng.nextInt(100) < 55) {
                long arrival = next++;
                long service = rng.nextLong(1_000_000);
                q.add(arrival, service);
                expected.add(new long[] {arrival, service});
            } else {
                long[] head = expected.poll();
                assertEquals(head[0], q.headArrival(), "step " + step);
                assertEquals(head[1], q.headValue(), "step " + step);
                q.removeHead();
            }
            assertEquals(expected.size(), q.size());
        }
        while (!expected.isEmpty()) {
            long[] head = expected.poll();
            assertEquals(head[0], q.headArrival());
            assertEquals(head[1], q.headValue());
            q.removeHead();
        }
        assertTrue(q.isEmpty());
        assertThrows(IllegalStateException.class, q::removeHead);
    }
}
