package org.caniclab.core.driver;

import org.caniclab.core.ic.Principal;

/**
 * Receives what a {@link HubDriver} observes, in the hub's execution context and in the order it happens.
 *
 * <pre>{@code
 * HubListener l = new HubListener() {
 *     public void event(HubEvent e) { events.add(e); }
 *     public void registered(String pool, Principal pid, int count) { pools.get(pool).addWorker(pid); }
 * };
 * }</pre>
 */
public interface HubListener {
    /** A listener that ignores everything. */
    HubListener NONE = new HubListener() {};

    /** An orchestration event. */
    default void event(HubEvent event) {}

    /** A worker joined {@code pool}'s count in the registry, which now holds {@code count} of that pool. */
    default void registered(String pool, Principal pid, int count) {}
}
