package org.caniclab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EngineTest {

    /** Records the order events fire in. */
    private static final class Mark extends Event {
        final List<Mark> log;
        final int id;
        final long at;

        Mark(List<Mark> log, int id, long at) {
            this.log = log;
            this.id = id;
            this.at = at;
        }

        @Override
        protected void fire() {
            log.add(this);
        }
    }

    @Test
    void executesEventsInTimeThenSchedulingOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Engine engine = new Engine();
            List<Mark> fired = new ArrayList<>();
            List<Mark> scheduled = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Mark m = new Mark(fired, i, rng.nextInt(50)); // many equal times
                scheduled.add(m);
                engine.schedule(m, m.at);
            }
            engine.runUntil(Long.MAX_VALUE);
            List<Mark> expected = new ArrayList<>(scheduled);
            expected.sort(Comparator.comparingLong((Mark m) -> m.at).thenComparingInt(m -> m.id));
            assertEquals(expected, fired, "seed " + seed);
            assertEquals(2_000, engine.eventsProcessed(), "seed " + seed);
        }
    }

    @Test
    void tiesRunFifoEvenWhenScheduledFromInsideEvents() {
        Engine engine = new Engine();
        List<String> order = new ArrayList<>();
        engine.schedule(10, () -> {
            order.add("a");
            engine.schedule(10, () -> order.add("c"));
        });
        engine.schedule(10, () -> order.add("b"));
        engine.runUntil(10);
        assertEquals(List.of("a", "b", "c"), order);
        assertEquals(10, engine.now());
    }

    @Test
    void interleavedInsertAndRemoveKeepHeapOrder() {
        SplittableRandom rng = new SplittableRandom(7);
        Engine engine = new Engine();
        List<Mark> fired = new ArrayList<>();
        List<Mark> live = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Mark m = new Mark(fired, i, 1_000 + rng.nextInt(1_000));
            engine.schedule(m, m.at);
            live.add(m);
            if (rng.nextInt(3) == 0) {
                Mark victim = live.remove(rng.nextInt(live.size()));
                assertTrue(engine.cancel(victim));
                assertFalse(victim.isScheduled());
            }
        }
        engine.runUntil(Long.MAX_VALUE);
        live.sort(Comparator.comparingLong((Mark m) -> m.at).thenComparingInt(m -> m.id));
        assertEquals(live, fired);
    }

    @Test
    void rejectsThePastAndDoubleScheduling() {
        Engine engine = new Engine();
        engine.runUntil(100);
        assertThrows(IllegalArgumentException.class, () -> engine.schedule(99, () -> {}));
        Mark m = new Mark(new ArrayList<>(), 0, 200);
        engine.schedule(m, 200);
        assertThrows(IllegalStateException.class, () -> engine.schedule(m, 300));
        assertThrows(IllegalArgumentException.class, () -> engine.runUntil(50));
    }

    @Test
    void eventObjectsAreReusableAfterFiring() {
        Engine engine = new Engine();
        List<Long> times = new ArrayList<>();
        Event tick = new Event() {
            @Override
            protected void fire() {
                times.add(engine.now());
                if (engine.now() < 50) {
                    engine.schedule(this, engine.now() + 10);
                }
            }
        };
        engine.schedule(tick, 0);
        engine.runUntil(1_000);
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L), times);
        assertEquals(1_000, engine.now());
    }

    @Test
    void runUntilHonoursTheEventBudget() {
        Engine engine = new Engine();
        for (int i = 0; i < 10; i++) {
            engine.schedule(i, () -> {});
        }
        assertFalse(engine.runUntil(100, 4));
        assertEquals(4, engine.eventsProcessed());
        assertEquals(3, engine.now());
        assertTrue(engine.runUntil(100, 100));
        assertEquals(10, engine.eventsProcessed());
        assertEquals(100, engine.now());
        assertEquals(0, engine.pending());
    }

    @Test
    void anEventRescheduledWhileFiringQueuesBehindWhatIsAlreadyThere() {
        // The firing event stays at the heap's root while it runs; rescheduling it at its own instant must
        // still put it after the events already waiting for that instant, and after one scheduled earlier
        // in the same firing.
        Engine engine = new Engine();
        List<String> order = new ArrayList<>();
        int[] firings = {0};
        Event self = new Event() {
            @Override
            protected void fire() {
                order.add("self" + firings[0]);
                if (firings[0]++ == 0) {
                    assertEquals(2, engine.pending()); // the two others, not itself
                    assertFalse(engine.cancel(this));
                    engine.schedule(5, () -> order.add("new"));
                    engine.schedule(this, 5);
                    assertTrue(isScheduled());
                    assertEquals(4, engine.pending());
                }
            }
        };
        engine.schedule(self, 5);
        engine.schedule(5, () -> order.add("a"));
        engine.schedule(7, () -> order.add("b"));
        engine.runUntil(10);
        assertEquals(List.of("self0", "a", "new", "self1", "b"), order);
        assertEquals(0, engine.pending());
    }

    @Test
    void anEventCancelledAfterReschedulingItselfDoesNotFireAgain() {
        Engine engine = new Engine();
        List<Long> times = new ArrayList<>();
        Event e = new Event() {
            @Override
            protected void fire() {
                times.add(engine.now());
                engine.schedule(this, engine.now() + 10);
                if (engine.now() == 20) {
                    assertTrue(engine.cancel(this));
                }
            }
        };
        engine.schedule(e, 0);
        engine.schedule(15, () -> times.add(-15L));
        engine.runUntil(100);
        assertEquals(List.of(0L, 10L, -15L, 20L), times);
        assertFalse(e.isScheduled());
        assertEquals(0, engine.pending());
    }

    /**
     * An oracle for the order: every schedule is also entered, with its own running number, into a sorted
     * set, and every firing must be that set's first key. Self-rescheduling events (the kind the queue may
     * hold beside the heap), one-off events, ties on purpose, cancellations of both kinds and events that
     * stop rescheduling, so that the event held beside the heap changes hands.
     */
    @Test
    void selfReschedulingEventsFireInTimeThenSchedulingOrder() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Engine engine = new Engine();
            java.util.TreeMap<long[], Event> pending = new java.util.TreeMap<>(
                    Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
            java.util.Map<Event, long[]> keyOf = new java.util.IdentityHashMap<>();
            long[] counter = {0};
            int[] fired = {0};
            List<Event> loops = new ArrayList<>();
            class Oracle {
                void schedule(Event e, long t) {
                    long[] k = {t, counter[0]++};
                    engine.schedule(e, t);
                    pending.put(k, e);
                    keyOf.put(e, k);
                }

                void fired(Event e) {
                    java.util.Map.Entry<long[], Event> first = pending.pollFirstEntry();
                    assertTrue(first != null && first.getValue() == e, "fired out of (time, sequence) order");
                    assertEquals(first.getKey()[0], engine.now());
                    keyOf.remove(e);
                    fired[0]++;
                }

                void cancel(Event e) {
                    long[] k = keyOf.remove(e);
                    assertEquals(k != null, engine.cancel(e));
                    if (k != null) {
                        pending.remove(k);
                    }
                    assertFalse(e.isScheduled());
                }
            }
            Oracle oracle = new Oracle();
            for (int i = 0; i < 6; i++) {
                int lifetime = 50 + rng.nextInt(400);
                Event loop = new Event() {
                    int left = lifetime;

                    @Override
                    protected void fire() {
                        oracle.fired(this);
                        if (rng.nextInt(20) == 0) {
                            long at = engine.now() + rng.nextInt(3);
                            oracle.schedule(new Event() {
                                @Override
                                protected void fire() {
                                    oracle.fired(this);
                                }
                            }, at);
                        }
                        if (rng.nextInt(50) == 0) {
                            oracle.cancel(loops.get(rng.nextInt(loops.size())));
                        }
                        if (--left > 0 && !isScheduled()) {
                            oracle.schedule(this, engine.now() + rng.nextInt(4)); // 0: again at this instant
                        }
                    }
                };
                loops.add(loop);
                oracle.schedule(loop, rng.nextInt(5));
            }
            engine.runUntil(Long.MAX_VALUE);
            assertTrue(pending.isEmpty(), "seed " + seed + ": events left unfired");
            assertEquals(fired[0], engine.eventsProcessed(), "seed " + seed);
            assertEquals(0, engine.pending(), "seed " + seed);
        }
    }
}
