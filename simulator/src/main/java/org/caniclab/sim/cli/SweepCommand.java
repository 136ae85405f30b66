package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.caniclab.reports.RunInfo;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.ReportFolder;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SweepReportWriter;
import org.caniclab.reports.html.RunPage;
import org.caniclab.sim.RunControl;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.SweepSpec;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.caniclab.sim.sweep.Sweep;
import org.caniclab.sim.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab sweep}: a study in one JVM — the cross product of the {@code --vary} values, R replications each,
 * on the simulator through the in-process API — written as runs.csv, aggregate.csv and sweep.json.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Runs a scenario over a grid of values with replications and writes per-run and aggregate tables.",
        description = {"Every combination of the --vary values (each KEY a --set path, validated like --set before "
                + "anything runs; without --vary, the scenario's [[sweep.vary]] entries) is run R times; replication r uses the same seed in every variant (common random "
                + "numbers), replication 0 the scenario's own seed. Outputs in DIR: runs.csv (one row per run: the "
                + "varied values, replication, seed, every figure of summary.json by its dotted path), aggregate.csv "
                + "(per variant and figure: n, mean, sd, Student-t 95%% half-width and interval), sweep.json (the "
                + "plan), index.html (the charted figures against the first --vary key, with their intervals), and with --keep-runs each run's own report under runs/. Byte-identical whatever --parallel."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished", "2:the scenario, a --vary value or the usage is invalid",
            "3:the --cluster is unreachable, or lost a run too often", "4:internal error (details in the error.log named)"})
final class SweepCommand implements Callable<Integer> {
    /** The figures the terminal table shows (the files hold every figure). */
    /** Replications when neither --replications nor the scenario's [sweep] says. */
    static final int DEFAULT_REPLICATIONS = 10;
    static final List<String> SHOWN = List.of("workers_peak", "overshoot_peak", "creates_completed",
            "requests.completed", "requests.rejected", "requests.wait_ms_mean", "requests.latency_ms.p99",
            "requests.utilization_mean");

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Mixin
    WorkLimits limits = new WorkLimits();

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "A key to vary and its values, e.g. hub.mode=seed-0.33.3,reserved. Repeatable: the "
                    + "variants are the cross product, the first --vary slowest.")
    List<String> vary = new ArrayList<>();

    @Option(names = {"-r", "--replications"}, paramLabel = "R",
            description = "Runs per variant, each with its own seed (default: the scenario's sweep.replications, "
                    + "else 10).")
    Integer replications;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at once (default: the number of processors). Results do not depend on it.")
    Integer parallel;

    @Option(names = "--seed", paramLabel = "N", converter = SeedConverter.class,
            description = "Base seed, 0 to 2^63-1 (default: the scenario's run.seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: out/<scenario-name>-sweep, relative to the current folder).")
    Path out;

    @Option(names = "--keep-runs", description = "Also write each run's own report, under DIR/runs/v<variant>-r<rep>/.")
    boolean keepRuns;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
            description = "Run on the cluster of 'caniclab worker' members at these addresses instead of here "
                    + "(--parallel then does not apply). The files are byte-identical to a local sweep's.")
    String cluster;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no table; only errors.")
    boolean quiet;

    private final Substrate simulator;
    private final boolean terminal;

    SweepCommand(Substrate simulator, boolean terminal) {
        this.simulator = simulator;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        // A [sweep] table states the study; each flag given overrides its part of it.
        Scenario loaded = options.load();
        Optional<SweepSpec> stated = loaded.sweep();
        int replications = this.replications != null ? this.replications
                : stated.map(SweepSpec::replications).orElse(DEFAULT_REPLICATIONS);
        if (replications < 1) {
            throw new ParameterException(spec.commandLine(), "--replications " + replications
                    + " is not a run count; accepted: an integer >= 1");
        }
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel " + threads
                    + " is not a thread count; accepted: an integer >= 1");
        }
        SweepPlan plan;
        try {
            List<SweepPlan.Vary> varied = !vary.isEmpty() ? parseVary() : stated.map(SweepCommand::fromFile)
                    .orElse(List.of());
            plan = new SweepPlan(options.scenario, options.sets, varied, replications,
                    seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // Every variant's work checked before anything runs (a --vary value can make one run unbounded).
        // A variant of the file's own [sweep] is loaded so that an error names the line of the value that caused it.
        String text = ScenarioLoader.text(options.scenario);
        boolean fromFile = vary.isEmpty() && stated.isPresent();
        List<Scenario> variants = new ArrayList<>();
        for (List<String> variant : plan.variants()) {
            Scenario s;
            if (fromFile) {
                SweepSpec spec = stated.get();
                List<Integer> picks = new ArrayList<>();
                for (int k = 0; k < variant.size(); k++) {
                    picks.add(spec.vary().get(k).values().indexOf(variant.get(k)));
                }
                s = ScenarioLoader.loadVariant(options.scenario, text, options.sets, spec, picks);
            } else {
                s = ScenarioLoader.load(options.scenario, text, plan.overridesOf(variant));
            }
            limits.check(s, options.scenario.toString());
            variants.add(s);
        }
        if (Jit.quick()) {
            // Started with the quick JIT (the launcher's choice for every sweep): long work here moves to the tiered JIT.
            double events = 0;
            for (Scenario s : variants) {
                events += Jit.estimatedEvents(s) * replications;
            }
            int used = (int) Math.min(threads, (long) variants.size() * replications);
            if (Jit.sweepMoves(events, used, cluster != null, keepRuns)) {
                Optional<Integer> moved = Jit.inTieredJvm(spec.commandLine(), options.scenario, variants);
                if (moved.isPresent()) {
                    return moved.get();
                }
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("out", loaded.name() + "-sweep");
        Sweep.Outcome outcome;
        List<Path> written;
        // The runs' own time, from the sweep's start (its plan made) to the last run's end (the terminal line only: no
        // file holds a wall-clock figure).
        double runSeconds;
        // Checked and locked before anything runs; the files are written whole, then swapped in (an interrupted
        // sweep leaves the previous folder as it was).
        try (Interruption interruption = Interruption.install(); ReportFolder folder = ReportFolder.lock(dir)) {
            ProgressBar bar = new ProgressBar(stderr, ProgressBar.mode(terminal, quiet), System::nanoTime);
            Sweep.Listener progress = new Sweep.Listener() {
                @Override
                public void progress(int done, int total) {
                    bar.runs(done, total);
                }

                @Override
                public boolean stopRequested() {
                    return interruption.requested();
                }
            };
            try {
                long started = System.nanoTime();
                try {
                    outcome = cluster == null
                            ? Sweep.run(plan, simulator, threads, VersionProvider.version(), progress)
                            : ClusterSweep.run(spec, cluster, plan, progress);
                } finally {
                    bar.finish();
                }
                runSeconds = (System.nanoTime() - started) / 1e9;
                Sweep.Outcome done = outcome;
                RunControl kept = new RunControl(org.caniclab.sim.ProgressListener.NONE, folder.spillFiles(),
                        interruption::requested);
                try {
                    written = folder.replace(staging -> {
                        List<Path> files = new ArrayList<>(SweepReportWriter.write(staging, done.result(),
                                options.question(), SHOWN));
                        if (keepRuns) {
                            files.addAll(writeRuns(staging, done, plan, kept));
                        }
                        return files;
                    });
                } catch (RunStoppedException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    throw new InternalFailure(dir, e);
                }
            } catch (RunStoppedException e) {
                stderr.println("interrupted: the sweep stopped before its end; nothing was written (" + dir
                        + " is as it was)");
                stderr.flush();
                return Failures.INTERRUPTED;
            }
        }
        if (!quiet) {
            stdout.print(SweepReportWriter.table(outcome.result(), SHOWN));
            stdout.println();
            int runs = outcome.result().runs().size();
            // The JIT only where the runs ran: a cluster's members choose their own.
            String where = cluster != null ? "on the cluster" : Jit.describe().isEmpty() ? "this JVM" : "JIT " + Jit.describe();
            stdout.println("sweep: " + runs + " runs (" + outcome.result().variants().size() + " variants x "
                    + replications + " replications) in " + String.format(Locale.ROOT, "%.2f s (%.0f runs/s, %s)",
                    runSeconds, runs / runSeconds, where) + "; files in " + dir + " (" + written.size() + ")");
        }
        stdout.flush();
        return Failures.OK;
    }

    /** Each run's own report, re-run from its seed so that keeping runs costs no memory during the sweep. */
    private List<Path> writeRuns(Path dir, Sweep.Outcome outcome, SweepPlan plan, RunControl control)
            throws IOException {
        List<Path> files = new ArrayList<>();
        var result = outcome.result();
        for (var run : result.runs()) {
            long start = System.nanoTime();
            // Each run's rows spill beside the sweep's folder and are deleted once its report is written.
            try (RunResult r = simulator.run(outcome.scenarios().get(run.variant()).withSeed(run.seed()), control)) {
                // The re-run's own time (the sweep's run of it took about as long, on another thread or member).
                double wall = (System.nanoTime() - start) / 1e9;
                files.addAll(RunReportWriter.writeInto(dir.resolve("runs").resolve("v" + run.variant() + "-r"
                        + run.replication()), r, RunInfo.capture(wall, r.header().events())
                        .withPhases(List.of(new RunInfo.Phase("run", wall))).withProvenance(
                        new RunInfo.Provenance(options.scenario.toString(),
                                plan.overridesOf(result.variants().get(run.variant()).values()), run.seed(),
                                VersionProvider.version(), result.header().backend())),
                        new RunPage.Description(options.question())));
            }
        }
        return files;
    }

    private static List<SweepPlan.Vary> fromFile(SweepSpec spec) {
        return spec.vary().stream().map(v -> new SweepPlan.Vary(v.key(), v.values())).toList();
    }

    private List<SweepPlan.Vary> parseVary() {
        List<SweepPlan.Vary> out = new ArrayList<>();
        for (String v : vary) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--vary '" + v + "' is not KEY=V1,V2,...; accepted: "
                        + "a --set key path, '=', then comma-separated values, e.g. hub.mode=seed-0.33.3,reserved");
            }
            List<String> values = Arrays.stream(v.substring(eq + 1).split(",", -1)).map(String::strip).toList();
            if (values.stream().anyMatch(String::isEmpty)) {
                throw new ParameterException(spec.commandLine(), "--vary '" + v + "' has an empty value; accepted: "
                        + "comma-separated values, none empty");
            }
            out.add(new SweepPlan.Vary(v.substring(0, eq).strip(), values));
        }
        return out;
    }
}
