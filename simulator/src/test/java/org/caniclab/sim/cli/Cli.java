package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.caniclab.reports.LatencySummary;
import org.caniclab.sim.Substrate;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.WaitSummary;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import picocli.CommandLine;

/** Runs the CLI in-process, as {@code Main} would, capturing what it prints. */
final class Cli {
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {}

    static Result run(Substrate runner, String... args) {
        return run(runner, false, args);
    }

    static Result run(Substrate runner, boolean terminal, String... args) {
        return run(runner, terminal, System::getenv, args);
    }

    /** With the environment variables {@code env} reports (e.g. {@code name -> null}: none set). */
    static Result run(Substrate runner, Function<String, String> env, String... args) {
        return run(runner, false, env, args);
    }

    static Result run(Substrate runner, boolean terminal, Function<String, String> env, String... args) {
        CommandLine cli = Main.newCommandLine(runner, terminal, env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The real simulator, as {@code Main.newCommandLine()} uses it. */
    static Result real(String... args) {
        return run((s, p) -> new org.caniclab.sim.Simulator().run(s, p), args);
    }

    /** A runner that must not be reached. */
    static final Substrate NEVER = (s, p) -> {
        throw new AssertionError("the scenario must not run");
    };

    /** A fake run: every pool ends with {@code workers} workers; records the scenarios it was given. */
    static final class Fake implements Substrate {
        final List<Scenario> seen = new ArrayList<>();
        final int workers;

        Fake(int workers) {
            this.workers = workers;
        }

        @Override
        public RunResult run(Scenario s, org.caniclab.sim.ProgressListener progress) {
            seen.add(s);
            progress.progress(s.run().durationNanos(), s.run().durationNanos(), 10);
            List<PoolSummary> pools = new ArrayList<>();
            Map<String, Histogram> histograms = new TreeMap<>();
            for (PoolSpec p : s.pools()) {
                int max = p.policy().maxWorkers();
                pools.add(new PoolSummary(p.name(), p.policy().minWorkers(), max, workers, workers,
                        PoolSummary.overshoot(workers, max), workers, workers, 0, 0, workers * p.initialCycles(),
                        new RequestStats(10, 10, 0, new LatencySummary(1, 1, 1, 1, 1), 0.5,
                                new WaitSummary(0.5, 5, 0.5, 1, 1, 1), 0.25)));
                Histogram h = new Histogram(3);
                h.recordValue(1_000_000);
                histograms.put(p.name(), h);
            }
            return new RunResult(new RunHeader(s.name(), s.run().seed(), "sim", s.hub().mode().label(),
                    s.run().durationNanos() / 1e9, 10), pools,
                    List.of(new MetricCount("create_worker", "started", "ok", workers)), List.of(), List.of(),
                    new TreeMap<>(histograms), List.of());
        }
    }

    /** The repository's {@code scenarios/} folder, found upwards from the working directory. */
    static Path scenarios() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scenarios/steady.toml"))) {
                return p.resolve("scenarios");
            }
        }
        throw new IllegalStateException("no scenarios/ folder above " + Path.of("").toAbsolutePath());
    }
}
