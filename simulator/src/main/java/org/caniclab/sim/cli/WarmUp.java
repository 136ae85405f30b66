package org.caniclab.sim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.SweepReportWriter;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;

/**
 * Start-up help for short runs: a thread that goes once, over small built-in inputs, through what the command
 * does after parsing its arguments but before and after its run, that is loading a scenario (the TOML parser,
 * the loader, the expectations) and rendering a report ({@link RunReportWriter#warmUp}, or for a sweep its files,
 * {@link SweepReportWriter#warmUp}), while the command's own
 * thread is still parsing its arguments or running. A fresh JVM spends most of a short replay's time outside
 * the run loading and interpreting those paths for the first time; on a spare core that work is done beside
 * the command instead of in front of it. It never touches the run itself (the engine's code and profiles are
 * the run's alone), reads no file and writes none, and shares no state with the command, so outputs are the
 * same with it or without it.
 *
 * <pre>{@code
 * WarmUp.start("sweep");   // first thing in main, for replay and sweep
 * }</pre>
 */
final class WarmUp {
    /** A scenario with the sections a study typically has; never run, only loaded. */
    private static final String SCENARIO = """
            # Warm-up.
            expect = ["pools.api.overshoot_peak == 0", "pools.api.requests.latency_ms.p99 <= 2000"]

            [run]
            seed = 1
            duration = "60s"
            warmup = "10s"
            batches = 10
            sample_interval = "1s"

            [ic]
            round = "100ms"
            create_latency = "100ms"

            [hub]
            mode = "reserved"
            bootstrap = true

            [pools.api]
            canister_role = "api"
            policy = { initial_workers = 2, min_workers = 1, max_workers = 8 }
            service = { model = "continuous", service_time = { dist = "exponential", mean = "1200us" } }
            router = "round-robin"
            autoscaler = { target_utilization = 0.7, interval = "5s" }

            [pools.batch]
            canister_role = "batch"
            policy = { initial_workers = 1, min_workers = 1, max_workers = 2 }
            service = { model = "per-round", capacity_per_round = 50, queue_capacity = 500 }

            [[load]]
            kind = "poisson"
            pool = "api"
            schedule = [{ from = "0s", to = "60s", rate = 100 }]
            """;

    private WarmUp() {}

    /** Starts the warm-up on a daemon thread when the machine has a core to spare; returns at once. */
    static void start(String command) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return; // on one core it would only compete with the command
        }
        boolean sweep = command.equals("sweep");
        Thread t = new Thread(() -> quietly(sweep), "caniclab-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(boolean sweep) {
        try {
            once(sweep);
        } catch (IOException | RuntimeException e) {
            // Nothing to report: a warm-up that fails leaves the command to do the same work itself. Tests run
            // once() directly, where a failure does surface.
        }
    }

    /** The warm-up's work, on the calling thread: a replay's report, or a sweep's files. */
    static void once(boolean sweep) throws IOException {
        Scenario s = ScenarioLoader.load(Path.of("warm-up.toml"), SCENARIO, List.of());
        ExpectationCheck.parse(s);
        if (sweep) {
            SweepReportWriter.warmUp();
        } else {
            RunReportWriter.warmUp();
        }
        Jit.describe(); // the management classes run-info.json's "jit" is read through
    }
}
