package org.caniclab.sim.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SpillFiles;
import org.caniclab.reports.SummaryScalars;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.RunControl;
import org.caniclab.sim.Substrate;

/** The runs on a fixed pool of daemon threads in this JVM, each through the in-process {@link Substrate} API. */
final class LocalRunExecutor implements RunExecutor {
    private final Substrate substrate;
    private final int parallel;

    LocalRunExecutor(Substrate substrate, int parallel) {
        this.substrate = Objects.requireNonNull(substrate, "substrate");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        this.parallel = parallel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<LinkedHashMap<String, Double>> runAll(List<RunTask> tasks, Sweep.Listener listener)
            throws InterruptedException {
        int total = tasks.size();
        LinkedHashMap<String, Double>[] figures = new LinkedHashMap[total];
        if (total == 0) {
            return List.of();
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, total), r -> {
            Thread t = new Thread(r, "sweep-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int index = i;
                RunTask task = tasks.get(i);
                futures.add(pool.submit(() -> {
                    // A sweep tabulates figures: the runs keep no timeline or events, and stop when asked.
                    RunControl control = new RunControl(ProgressListener.NONE,
                            SpillFiles.temporary().discardingRows(), listener::stopRequested);
                    try (RunResult result = substrate.run(task.scenario(), control)) {
                        figures[index] = SummaryScalars.of(result);
                        listener.finished(task.variant(), task.replication(), result);
                    }
                    listener.progress(done.incrementAndGet(), total);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(figures);
    }
}
