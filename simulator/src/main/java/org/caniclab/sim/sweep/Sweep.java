package org.caniclab.sim.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SweepResult;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;

/**
 * Runs a {@link SweepPlan}: every variant is loaded (and so validated) before anything runs, then every
 * (variant, replication) is handed to a {@link RunExecutor} — threads of this JVM through the in-process
 * {@link Substrate} API, or a cluster — and the results are gathered in plan order. Each run is deterministic and
 * depends only on its scenario and seed, so the result does not depend on the executor, its parallelism or on
 * scheduling.
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

        /**
         * One run finished (from a worker thread): variant index, replication, and what it produced. Only an
         * executor that runs in this JVM has the result at hand (its summary and charts; no timeline or event rows,
         * which a sweep does not keep, and it is closed after this returns); a cluster's tells {@link #progress} only.
         */
        default void finished(int variant, int replication, RunResult result) {}

        /**
         * Polled by the runs of a local executor between event batches, and by the cluster executor while it waits
         * (it then cancels the runs in flight on their members): once true, the sweep stops and fails with
         * {@link org.caniclab.sim.RunStoppedException}. The CLI's SIGINT/SIGTERM flag.
         */
        default boolean stopRequested() {
            return false;
        }
    }

    /** A finished sweep: the result the writers take, and each variant's scenario as loaded. */
    public record Outcome(SweepResult result, List<Scenario> scenarios) {}

    /**
     * Loads every variant (a bad value fails here, naming the key, before any run), then runs them all on
     * {@code parallel} threads of this JVM.
     *
     * @throws org.caniclab.sim.scenario.ScenarioException for a variant that does not load
     * @throws InterruptedException when interrupted; runs in flight are abandoned and nothing is returned
     */
    public static Outcome run(SweepPlan plan, Substrate substrate, int parallel, String toolVersion, Listener listener)
            throws InterruptedException {
        return run(plan, RunExecutor.local(substrate, parallel), toolVersion, listener);
    }

    /**
     * Loads every variant (a bad value fails here, naming the key, before any run), then hands every
     * (variant, replication) to {@code executor} and gathers the figures in plan order.
     *
     * @throws org.caniclab.sim.scenario.ScenarioException for a variant that does not load
     * @throws InterruptedException when interrupted; runs in flight are abandoned and nothing is returned
     */
    public static Outcome run(SweepPlan plan, RunExecutor executor, String toolVersion, Listener listener)
            throws InterruptedException {
        Objects.requireNonNull(executor, "executor");
        List<List<String>> values = plan.variants();
        // Read once: every variant, here or on another machine, is loaded from this same text.
        String text = ScenarioLoader.text(plan.scenario());
        Path file = plan.scenario().toAbsolutePath();
        List<Scenario> scenarios = new ArrayList<>();
        for (List<String> v : values) {
            Scenario s = ScenarioLoader.load(plan.scenario(), text, plan.overridesOf(v));
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
        List<RunTask> tasks = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            RunTask.Source source = new RunTask.Source(file, text, plan.overridesOf(values.get(v)));
            for (int r = 0; r < plan.replications(); r++) {
                long seed = seeds.get(r);
                tasks.add(new RunTask(tasks.size(), v, r, seed, scenarios.get(v).withSeed(seed), source));
            }
        }
        List<LinkedHashMap<String, Double>> figures = executor.runAll(tasks, listener);
        if (figures.size() != tasks.size()) {
            throw new IllegalStateException("the executor returned " + figures.size() + " results for "
                    + tasks.size() + " runs");
        }
        List<SweepResult.Run> runs = new ArrayList<>();
        for (RunTask t : tasks) {
            runs.add(new SweepResult.Run(t.variant(), t.replication(), t.seed(),
                    Objects.requireNonNull(figures.get(t.index()), "figures")));
        }
        List<SweepResult.Variant> variants = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            variants.add(new SweepResult.Variant(v, values.get(v)));
        }
        SweepResult.Header header = new SweepResult.Header(scenarios.get(0).name(), plan.scenario().toString(),
                "sim", toolVersion, plan.overrides(), plan.replications(), seeds);
        return new Outcome(new SweepResult(header, plan.keys(), variants, List.copyOf(runs)), List.copyOf(scenarios));
    }
}
