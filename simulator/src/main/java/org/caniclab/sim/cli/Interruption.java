package org.caniclab.sim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT/SIGTERM during {@code replay} or {@code sweep}, one mechanism for both: a shutdown hook sets a flag that
 * the runs poll between event batches ({@link org.caniclab.sim.RunControl#stopRequested()}), then waits (at most
 * {@value #WAIT_SECONDS} s) for the command to finish: it stops at the next batch, deletes what it spilled, prints one
 * line, leaves the report folder as it was and releases its lock. The JVM then exits with the signal's conventional
 * status, 130 for SIGINT and 143 for SIGTERM. A signal during the write phase lets the write and the swap finish
 * ({@link org.caniclab.reports.ReportFolder}'s own hook), so the folder holds the new report whole.
 *
 * <pre>{@code
 * try (Interruption interruption = Interruption.install(); ReportFolder folder = ReportFolder.lock(dir)) {
 *     RunResult r = substrate.run(scenario, new RunControl(bar, folder.spillFiles(), interruption::requested));
 *     ...
 * } // folder closed first, then the hook released: the JVM exits only once the lock is gone
 * }</pre>
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for the command to wind up before the JVM exits anyway. */
    static final int WAIT_SECONDS = 10;
    /** Set once any command's hook has run: the JVM is exiting with the signal's status. */
    private static volatile boolean signalled;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption() {
        hook = new Thread(this::onSignal, "interruption");
    }

    /** Registers the hook; {@link #close()} unregisters it (or, during a shutdown, lets it return). */
    static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** Whether a signal asked the command to stop. */
    boolean requested() {
        return requested;
    }

    /** Whether the JVM is exiting because of a signal a command's hook saw (so {@code main} must not exit itself). */
    static boolean signalled() {
        return signalled;
    }

    private void onSignal() {
        signalled = true;
        requested = true;
        try {
            finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command is done (whatever its outcome): the hook, if running, may return and the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running and returns now
        }
    }
}
