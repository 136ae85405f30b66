package org.caniclab.sim.substrate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one way a {@link RemoteIc} stops its I/O thread: no new work, the call in progress given
 * {@value #WAIT_SECONDS} s to end, then interrupted (a pending creation is abandoned).
 *
 * <pre>{@code
 * public void close() { IoThreads.stop(io); }
 * }</pre>
 */
public final class IoThreads {
    static final int WAIT_SECONDS = 5;

    private IoThreads() {}

    /** Stops {@code io}; keeps the caller's interrupt status. */
    public static void stop(ExecutorService io) {
        io.shutdown();
        try {
            if (!io.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
