package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.caniclab.reports.Expectation;
import org.caniclab.reports.ExpectationResult;
import org.caniclab.reports.RunInfo;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SummaryPaths;
import org.caniclab.sim.load.TraceFormatException;
import org.caniclab.sim.scenario.Scenario;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab replay}: runs a scenario, checks its expectations on the summary, writes the report and
 * prints the summary table.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Replays a scenario, checks its expectations and writes its report.",
        description = {"Replays a scenario on the simulator, evaluates its expectations against summary.json, writes "
                + "the report (summary.json, summary.txt, timeline.csv, events.csv, metrics.csv, latency-<pool>.hgrm, "
                + "run-info.json) and prints the summary table."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every expectation held", "1:an expectation failed",
            "2:the scenario or the usage is invalid", "3:the backend is not available", "4:internal error (details "
            + "in the error.log named)"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Report folder (default: out/<scenario-name>, relative to the current folder).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random stream (overrides run.seed).")
    Long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "sim", converter = Backend.Converter.class,
            completionCandidates = Backend.Labels.class,
            description = "Substrate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); only sim is in this build.")
    Backend backend = Backend.SIM;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; only errors and failed expectations.")
    boolean quiet;

    private final ScenarioRunner runner;
    private final boolean terminal;

    ReplayCommand(ScenarioRunner runner, boolean terminal) {
        this.runner = runner;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Scenario scenario = options.load();
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        if (backend != Backend.SIM) {
            throw new SubstrateUnavailableException("backend '" + backend.label() + "' is not available in this build: "
                    + "the " + (backend == Backend.POCKETIC ? "PocketIC" : "IC") + " substrate is not included yet; "
                    + "accepted: --backend sim");
        }
        Path outDir = out != null ? out : Path.of("out", scenario.name());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        RunResult result;
        List<Path> written;
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(stderr, terminal && !quiet, System::nanoTime);
        try {
            try {
                result = runner.run(scenario, bar);
            } finally {
                bar.finish();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            result = result.withExpectations(evaluate(scenario, result));
            written = RunReportWriter.write(outDir, result, RunInfo.capture(wall, result.header().events()));
        } catch (TraceFormatException | SubstrateUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InternalFailure(outDir, e);
        }

        long failed = result.expectations().stream().filter(e -> !e.passed()).count();
        if (quiet) {
            for (ExpectationResult e : result.expectations()) {
                if (!e.passed()) {
                    stderr.println("FAIL " + e.expression() + " (measured " + e.measured() + ")");
                }
            }
        } else {
            stdout.print(RunReportWriter.summaryText(result));
            stdout.println();
            stdout.println("report: " + outDir + " (" + written.size() + " files)");
        }
        stdout.flush();
        stderr.flush();
        return failed > 0 ? Failures.EXPECTATION_FAILED : Failures.OK;
    }

    /** The scenario's expectations checked against the summary tree, in the order the file lists them. */
    static List<ExpectationResult> evaluate(Scenario scenario, RunResult result) {
        var summary = SummaryPaths.toJson(result);
        List<ExpectationResult> out = new ArrayList<>();
        for (String e : scenario.expectations()) {
            out.add(Expectation.parse(e).evaluate(summary));
        }
        return out;
    }
}
