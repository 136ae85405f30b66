package org.caniclab.sim.ic;

import org.caniclab.sim.engine.Engine;

/** A hub timer: tick k fires at the first round boundary at or after k·interval, at most one tick per round. */
final class Periodic {
    private final Engine engine;
    private final Rounds rounds;
    private final long interval;
    private final Runnable action;
    private long k = 1;

    Periodic(Engine engine, Rounds rounds, long interval, Runnable action) {
        this.engine = engine;
        this.rounds = rounds;
        this.interval = interval;
        this.action = action;
    }

    void schedule() {
        while (true) {
            long nominal;
            try {
                nominal = Math.multiplyExact(k, interval);
            } catch (ArithmeticException beyondTime) {
                return;
            }
            if (nominal > Long.MAX_VALUE - rounds.roundNanos()) {
                return;
            }
            long at = rounds.atOrAfter(nominal);
            if (at > engine.now()) {
                engine.schedule(at, this::fire);
                return;
            }
            // Several nominal ticks in one round: the later one only. Every k with k·interval at or before the
            // round boundary at or before now lands at or before now, so jump past them all at once: stepping
            // one by one costs round/interval iterations a tick (9·10^8 for a 1 ns interval).
            long lastBoundary = engine.now() - engine.now() % rounds.roundNanos();
            k = Math.max(k + 1, lastBoundary / interval + 1);
        }
    }

    private void fire() {
        action.run();
        k++;
        schedule();
    }
}
