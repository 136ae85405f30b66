package org.caniclab.sim.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import org.caniclab.sim.Substrate;

/**
 * Where a sweep's runs execute: a pool of threads in this JVM ({@link #local}), or elsewhere (a cluster, in
 * {@code sim.cluster}), so that {@link Sweep} plans and gathers without knowing which. An executor returns each run's
 * figures in the tasks' order whatever order they finished in, so the sweep's outputs do not depend on it.
 *
 * <pre>{@code
 * RunExecutor local = RunExecutor.local(new Simulator(), 2);
 * Sweep.Outcome o = Sweep.run(plan, local, "0.1.0", Sweep.Listener.NONE);
 * }</pre>
 */
public interface RunExecutor {
    /**
     * Runs every task once to completion and returns their figures ({@code SummaryScalars}) in the tasks' order,
     * telling {@code listener} of progress as runs finish (from any thread).
     *
     * @throws RuntimeException a run's own failure (its scenario could not run), or the executor's when it could
     *     not get a run done
     * @throws InterruptedException when interrupted; runs in flight are abandoned
     */
    List<LinkedHashMap<String, Double>> runAll(List<RunTask> tasks, Sweep.Listener listener)
            throws InterruptedException;

    /** Runs on {@code parallel} threads of this JVM through {@code substrate}. */
    static RunExecutor local(Substrate substrate, int parallel) {
        return new LocalRunExecutor(substrate, parallel);
    }
}
