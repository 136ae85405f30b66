package org.caniclab.sim.engine;

import java.util.Objects;

/**
 * The discrete-event loop: one thread, virtual time in nanoseconds starting at 0, events executed in
 * (time, scheduling order). Nothing here reads the wall clock; a run is a pure function of what was
 * scheduled.
 *
 * <pre>{@code
 * Engine engine = new Engine();
 * engine.schedule(1_000, () -> System.out.println("at " + engine.now()));
 * while (!engine.runUntil(10_000, 4096)) { reportProgress(engine.now(), engine.eventsProcessed()); }
 * }</pre>
 */
public final class Engine {
    private final EventQueue queue = new EventQueue();
    private long now;
    private long processed;

    /** The current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Events executed so far. */
    public long eventsProcessed() {
        return processed;
    }

    /** Events waiting in the queue. */
    public int pending() {
        return queue.size();
    }

    /**
     * Schedules {@code event} at {@code time}; equal times run in scheduling order.
     *
     * @throws IllegalArgumentException when {@code time} is in the past
     * @throws IllegalStateException when the event is already scheduled
     */
    public void schedule(Event event, long time) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at t=" + time + "ns, before now=" + now + "ns");
        }
        queue.add(event, time);
    }

    /** Schedules a one-off action at {@code time}; for rare events (hub messages, timers), not hot paths. */
    public void schedule(long time, Runnable action) {
        schedule(new OneShot(Objects.requireNonNull(action, "action")), time);
    }

    /** Takes a scheduled event out of the queue; false when it was not scheduled. */
    public boolean cancel(Event event) {
        return queue.remove(event);
    }

    /**
     * Executes events whose time is at most {@code until}, at most {@code maxEvents} of them. When no
     * event at or before {@code until} remains, the clock is advanced to {@code until} and the method
     * returns true; otherwise it returns false with the clock at the last event executed.
     */
    public boolean runUntil(long until, long maxEvents) {
        if (until < now) {
            throw new IllegalArgumentException("cannot run until t=" + until + "ns, before now=" + now + "ns");
        }
        long budget = maxEvents;
        while (true) {
            Event next = queue.peek();
            if (next == null || next.time > until) {
                now = until;
                return true;
            }
            if (budget-- <= 0) {
                return false;
            }
            queue.beginFiring(next);
            now = next.time;
            processed++;
            try {
                next.fire();
            } finally {
                queue.endFiring();
            }
        }
    }

    /** Executes every event at or before {@code until}, then sets the clock to {@code until}. */
    public void runUntil(long until) {
        runUntil(until, Long.MAX_VALUE);
    }

    private static final class OneShot extends Event {
        private final Runnable action;

        OneShot(Runnable action) {
            this.action = action;
        }

        @Override
        protected void fire() {
            action.run();
        }
    }
}
