package org.caniclab.sim.load;

/** Where a load source delivers an arrival: a pool, or a recorder in tests. */
@FunctionalInterface
interface ArrivalSink {
    /** One request arrives now. */
    void arrive();
}
