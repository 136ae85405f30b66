package org.caniclab.sim.engine;

/**
 * Something that happens at one instant of virtual time. An event object can be scheduled again once it
 * has fired, so that hot paths (a load source's next arrival, a worker's next completion) reuse one object
 * instead of allocating one per occurrence; it cannot be in the queue twice.
 *
 * <pre>{@code
 * final class Tick extends Event {
 *     protected void fire() { engine.schedule(this, engine.now() + period); }
 * }
 * engine.schedule(new Tick(), 0);
 * }</pre>
 */
public abstract class Event {
    long time;
    long seq;
    int heapIndex = -1;

    /** Runs the event; {@link Engine#now()} is its time. */
    protected abstract void fire();

    /** True while the event waits in an engine's queue. */
    public final boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** The time it is (or was last) scheduled for, in nanoseconds of virtual time. */
    public final long time() {
        return time;
    }
}
