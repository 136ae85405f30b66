package org.caniclab.sim;

/**
 * Told how far a run has got, from the simulation thread, at most every few thousand events; the CLI draws
 * its progress bar from it.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (simulatedNanos, durationNanos, events) -> {};

    void progress(long simulatedNanos, long durationNanos, long events);
}
