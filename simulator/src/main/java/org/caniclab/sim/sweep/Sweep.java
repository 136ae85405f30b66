package org.caniclab.sim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SummaryScalars;
import org.caniclab.reports.SweepResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;

/**
 * Runs a {@link SweepPlan} in this JVM through the in-process {@link Substrate} API: every variant is loaded (and so
 * validated) before anything runs, then every (variant, replication) runs on a pool of {@code parallel} threads, and
 * the results are gathered in plan order. Each run is deterministic and independent, so the result does not depend
 * on {@code parallel} or on scheduling.
 *
 * <pre>{@code
 * Sweep.Outcome o = Sweep.run(plan, new Simulator(), 2, "0.1.0", Sweep.Listener.NONE);
 * SweepReportWriter.write(Path.of("out/study"), o.result());
 * }</pre>
 */
public final class Sweep {
    private Sweep() {}

    /** Told after each run; and, with the run's result, so that a caller may keep each run's own report. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** {@code done} of {@code total} runs have finished. Called from worker threads. */
        default void progress(int done, int total) {}

        /** One run finished (from a worker thread): variant index, replication, and what it produced. */
        default void finished(int variant, int replication, RunResult result) {}
    }

    /** A finished sweep: the result the writers take, and each variant's scenario as loaded. */
    public record Outcome(SweepResult result, List<Scenario> scenarios) {}

    /**
     * Loads every variant (a bad value fails here, naming the key, before any run), then runs them all.
     *
     * @throws org.caniclab.sim.scenario.ScenarioException for a variant that does not load
     * @throws InterruptedException when interrupted; runs in flight are abandoned and nothing is returned
     */
    public static Outcome run(SweepPlan plan, Substrate substrate, int parallel, String toolVersion, Listener listener)
            throws InterruptedException {
        Objects.requireNonNull(substrate, "substrate");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        List<List<String>> values = plan.variants();
        List<Scenario> scenarios = new ArrayList<>();
        for (List<String> v : values) {
            Scenario s = ScenarioLoader.load(plan.scenario(), plan.overridesOf(v));
            if (plan.seed().isPresent()) {
                s = s.withSeed(plan.seed().getAsLong());
            }
            scenarios.add(s);
        }
        long base = scenarios.get(0).run().seed();
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < plan.replications(); r++) {
            seeds.add(SweepPlan.seedOf(base, r));
        }
        int total = values.size() * plan.replications();
        SweepResult.Run[] runs = new SweepResult.Run[total];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, total), r -> {
            Thread t = new Thread(r, "sweep-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int v = 0; v < values.size(); v++) {
                for (int r = 0; r < plan.replications(); r++) {
                    int variant = v;
                    int replication = r;
                    long seed = seeds.get(r);
                    Scenario scenario = scenarios.get(v).withSeed(seed);
                    futures.add(pool.submit(() -> {
                        RunResult result = substrate.run(scenario, ProgressListener.NONE);
                        runs[variant * plan.replications() + replication] =
                                new SweepResult.Run(variant, replication, seed, SummaryScalars.of(result));
                        listener.finished(variant, replication, result);
                        listener.progress(done.incrementAndGet(), total);
                        return null;
                    }));
                }
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
        List<SweepResult.Variant> variants = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            variants.add(new SweepResult.Variant(v, values.get(v)));
        }
        SweepResult.Header header = new SweepResult.Header(scenarios.get(0).name(), plan.scenario().toString(),
                "sim", toolVersion, plan.overrides(), plan.replications(), seeds);
        return new Outcome(new SweepResult(header, plan.keys(), variants, List.of(runs)), List.copyOf(scenarios));
    }
}
