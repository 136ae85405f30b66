package org.caniclab.sim;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.caniclab.reports.SpillFiles;

/**
 * How one run is carried out beyond its scenario: whom it tells its progress, where its timeline and events spill
 * past their memory bound, and when to give up early. The CLI passes the report folder's spill place and the flag its
 * SIGINT/SIGTERM hook sets; a sweep passes a place that keeps no rows ({@link SpillFiles#discardingRows()}), and a
 * simulated run then leaves out what only the rows' readers use: its result has no latency histograms.
 *
 * <pre>{@code
 * RunControl c = new RunControl(bar, folder.spillFiles(), interruption::requested);
 * try (RunResult r = substrate.run(scenario, c)) { ... }   // RunStoppedException if the flag was set
 * RunControl quiet = RunControl.of(ProgressListener.NONE);  // spills to java.io.tmpdir, never stops
 * }</pre>
 *
 * @param stopRequested polled between event batches (every {@value SimulationRun#PROGRESS_EVERY} events) and at
 *     every timeline sample; once true the run stops with {@link RunStoppedException}
 */
public record RunControl(ProgressListener progress, SpillFiles spill, BooleanSupplier stopRequested) {
    public RunControl {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(spill, "spill");
        Objects.requireNonNull(stopRequested, "stopRequested");
    }

    /** Progress to {@code progress}, spill files in {@code java.io.tmpdir}, no early stop. */
    public static RunControl of(ProgressListener progress) {
        return new RunControl(progress == null ? ProgressListener.NONE : progress, SpillFiles.temporary(), () -> false);
    }
}
