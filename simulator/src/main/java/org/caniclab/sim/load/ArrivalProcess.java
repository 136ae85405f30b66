package org.caniclab.sim.load;

import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Event;

/**
 * A load source as one reusable event: at each firing it delivers the current arrival and schedules itself
 * at the next one, so a source holds one pending event whatever its rate.
 */
abstract class ArrivalProcess extends Event implements AutoCloseable {
    final Engine engine;
    final long endNanos;

    ArrivalProcess(Engine engine, long endNanos) {
        this.engine = engine;
        this.endNanos = endNanos;
    }

    /** Schedules the first arrival, if any. */
    final void start() {
        scheduleNext();
    }

    @Override
    protected void fire() {
        deliver();
        scheduleNext();
    }

    private void scheduleNext() {
        scheduleAt(next());
    }

    /** Schedules the arrival at {@code t} (a value of {@link #next}), or closes the source when there is none. */
    final void scheduleAt(long t) {
        if (t >= 0 && t < endNanos) {
            engine.schedule(this, Math.max(t, engine.now()));
        } else {
            close();
        }
    }

    /** Delivers the arrival this event was scheduled for. */
    abstract void deliver();

    /** Time of the next arrival, or -1 when the source is exhausted. */
    abstract long next();

    @Override
    public void close() {}
}
