package org.caniclab.sim.model;

import java.util.Locale;

/** How the front end picks the worker for a request. */
public enum RouterKind {
    ROUND_ROBIN,
    RANDOM,
    SHORTEST_QUEUE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
