package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.caniclab.core.ic.Principal;
import org.caniclab.reports.Expectation;
import org.caniclab.reports.ExpectationResult;
import org.caniclab.reports.ReportFolder;
import org.caniclab.reports.RunInfo;
import org.caniclab.reports.RunLengthAdvice;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.html.RunPage;
import org.caniclab.reports.SummaryPaths;
import org.caniclab.sim.load.TraceFormatException;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioException;
import org.caniclab.sim.RunControl;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.substrate.pocketic.PocketIcServer;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.ic.IcSubstrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab replay}: runs a scenario on a backend, checks its expectations on the summary, writes the
 * report and prints the summary table. Whatever the backend, the result goes through the same path: expectations,
 * writers, summary, exit code.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Replays a scenario, checks its expectations and writes its report.",
        description = {"Replays a scenario on the simulator, evaluates its expectations against summary.json, writes "
                + "the report (summary.json, summary.txt, timeline.csv, events.csv, metrics.csv, latency-<pool>.hgrm, "
                + "run-info.json) and prints the summary table.",
            "",
            "With --backend pocketic only the orchestration is replayed, on a PocketIC server: the bootstrap (when "
                + "hub.bootstrap is true), then the [[calls]] grouped by 'at', each group's calls issued together so "
                + "that they overlap at their awaits. Scenarios with [[load]], [[faults]], hub.topup_interval or an "
                + "autoscaler are refused (exit 2). The server is --pocketic-url, else one started from POCKET_IC_BIN "
                + "and stopped at the end.",
            "",
            "With --backend ic the same orchestration runs on a real IC through ic4j-agent 0.7.2, signed with "
                + "--identity PEM (or --anonymous): --ic-url URL for a local replica (root key fetched, "
                + "provisional_create_canister_with_cycles), or --mainnet (built-in root key, the cycles ledger's "
                + "create_canister). A mainnet run prints its plan (creates, cycles each, total, paying principal) and "
                + "sends nothing unless --yes-spend-cycles is given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every expectation held", "1:an expectation failed",
            "2:the scenario or the usage is invalid (also: --backend ic without --ic-url or --mainnet, a missing or "
            + "unreadable identity PEM, --mainnet without --yes-spend-cycles, an --out that cannot take the report: not a "
            + "folder, a folder holding no report, another replay writing it)", "3:the substrate is unavailable (no "
            + "--pocketic-url or POCKET_IC_BIN, the PocketIC server or IC endpoint unreachable or too slow, a wrong "
            + "root key)", "4:internal error (details in the error.log named)"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Mixin
    WorkLimits limits = new WorkLimits();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Report folder (default: out/<scenario-name>, relative to the current folder): a new path, "
                    + "an empty folder or an earlier report, which is replaced whole. Checked and locked before the "
                    + "run.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", converter = SeedConverter.class,
            description = "Seed for every random stream (overrides run.seed): 0 to 2^63-1.")
    Long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "sim", converter = Backend.Converter.class,
            completionCandidates = Backend.Labels.class,
            description = "Substrate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). sim: the simulator; "
                    + "pocketic: the bootstrap and [[calls]] on a PocketIC server; ic: the same on a replica or mainnet.")
    Backend backend = Backend.SIM;

    @Option(names = "--pocketic-url", paramLabel = "URL",
            description = "With --backend pocketic: a running PocketIC server, e.g. http://127.0.0.1:8080. Without "
                    + "it the server is started from " + PocketIcServer.ENV_BINARY + " and stopped at the end.")
    String pocketIcUrl;

    @Option(names = "--ic-url", paramLabel = "URL",
            description = "With --backend ic: a local replica, icp-cli network or PocketIC HTTP gateway, e.g. "
                    + "http://127.0.0.1:4943 (its root key is fetched). With --mainnet: the boundary node (default "
                    + "https://icp-api.io).")
    String icUrl;

    @Option(names = "--mainnet", description = "With --backend ic: run on mainnet, paying through the cycles ledger; "
            + "needs --identity and --yes-spend-cycles.")
    boolean mainnet;

    @Option(names = "--yes-spend-cycles", description = "With --mainnet: accept the printed plan and spend its cycles.")
    boolean yesSpendCycles;

    @Option(names = "--identity", paramLabel = "PEM", description = "With --backend ic: the key to sign with (Ed25519 "
            + "PKCS#8, or secp256k1 as dfx/icp-cli write it). Never printed; its principal may be.")
    Path identity;

    @Option(names = "--anonymous", description = "With --backend ic: send as the anonymous principal (local only).")
    boolean anonymous;

    @Option(names = "--effective-canister-id", paramLabel = "ID", description = "With --ic-url: route creations by "
            + "this canister id (default: the endpoint's default_effective_canister_id, else rwlgt-iiaaa-aaaaa-aaaaa-cai).")
    String effectiveCanisterId;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; only errors and failed expectations. "
            + "Without it, progress shows on stderr: a bar on a terminal, else a line per tenth of a long run.")
    boolean quiet;

    private final Substrate simulator;
    private final boolean terminal;
    private final Function<String, String> env;

    /**
     * @param simulator what runs scenarios on {@code --backend sim}
     * @param env the environment ({@code System::getenv}); a seam so that tests can leave POCKET_IC_BIN unset
     */
    ReplayCommand(Substrate simulator, boolean terminal, Function<String, String> env) {
        this.simulator = simulator;
        this.terminal = terminal;
        this.env = env;
    }

    @Override
    public Integer call() {
        long commandStart = System.nanoTime(); // run-info.json's wall time covers the whole command
        if (pocketIcUrl != null && backend != Backend.POCKETIC) {
            throw new ParameterException(spec.commandLine(), "--pocketic-url applies to --backend pocketic only; "
                    + "accepted: --backend pocketic --pocketic-url URL");
        }
        URI url = pocketIcUrl == null ? null : serverUrl(pocketIcUrl, "--pocketic-url");
        Backend.IcOptions ic = icOptions();
        if (ic.any() && backend != Backend.IC) {
            throw new ParameterException(spec.commandLine(), "--ic-url, --mainnet, --yes-spend-cycles, --identity, "
                    + "--anonymous and --effective-canister-id apply to --backend ic only");
        }
        if (yesSpendCycles && !mainnet) {
            throw new ParameterException(spec.commandLine(), "--yes-spend-cycles applies to --mainnet only");
        }
        Scenario scenario = options.load();
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        if (backend == Backend.SIM) {
            limits.check(scenario, options.scenario.toString());
            if (Jit.quick() && Jit.estimatedEvents(scenario) > Jit.quickMaxEvents()) {
                Optional<Integer> relaunched = Jit.inTieredJvm(spec.commandLine(), options.scenario, List.of(scenario));
                if (relaunched.isPresent()) {
                    return relaunched.get();
                }
            }
        }
        Substrate substrate = backend.create(new Backend.Options(simulator, url, env,
                quiet ? null : spec.commandLine().getErr(), ic));
        List<String> unsupported = substrate.unsupportedKeys(scenario);
        if (!unsupported.isEmpty()) {
            throw new ScenarioException(options.scenario.toString(), 0, String.join(", ", unsupported),
                    "backend " + backend.label() + " replays the bootstrap and [[calls]] only; accepted: "
                            + substrate.accepted() + " (replay the rest with --backend sim)");
        }
        Path outDir = out != null ? out : Path.of("out", scenario.name());
        PrintWriter stdout = spec.commandLine().getOut();
        if (substrate instanceof IcSubstrate real) {
            real.confirm(scenario, stdout); // mainnet: the plan, printed before anything is sent, and its guard
        }
        PrintWriter stderr = spec.commandLine().getErr();

        RunResult result;
        List<Path> written;
        // Checked and locked before the run: a bad --out or a concurrent writer fails at once, with exit 2. The
        // interruption's hook is released last, so a signalled JVM exits only once the folder's lock is gone.
        try (Interruption interruption = Interruption.install(); ReportFolder folder = ReportFolder.lock(outDir)) {
            long start = System.nanoTime();
            // Between loading and the run: the substrate's start-up and the --out check count as loading.
            double loadSeconds = (start - commandStart) / 1e9;
            ProgressBar bar = new ProgressBar(stderr, ProgressBar.mode(terminal, quiet), System::nanoTime);
            try {
                try {
                    // A long run's timeline and events spill beside the folder (the next run cleans a killed one's).
                    result = substrate.run(scenario, new RunControl(bar, folder.spillFiles(), interruption::requested));
                } finally {
                    bar.finish();
                }
                try (RunResult spooled = result) {
                    result = result.withExpectations(evaluate(scenario, result));
                    double wall = (System.nanoTime() - start) / 1e9;
                    written = RunReportWriter.write(folder, result, RunInfo.capture(wall, result.header().events())
                            .withSubstrate(substrate.runInfo())
                            .withJit(Jit.describe())
                            .withPhases(List.of(new RunInfo.Phase("load", loadSeconds), new RunInfo.Phase("run", wall)))
                            .withProvenance(new RunInfo.Provenance(options.scenario.toString(), options.sets,
                                    result.header().seed(), VersionProvider.version(), backend.label())),
                            new RunPage.Description(options.question()));
                }
            } catch (RunStoppedException e) {
                stderr.println("interrupted: the run stopped at " + seconds(e.simulatedNanos()) + " of "
                        + seconds(e.durationNanos()) + " simulated; nothing was written (" + outDir
                        + " is as it was)");
                stderr.flush();
                return Failures.INTERRUPTED;
            } catch (TraceFormatException | SubstrateUnavailableException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InternalFailure(outDir, e);
            }
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
            RunLengthAdvice.warnings(result).forEach(stderr::println);
        }
        stdout.flush();
        stderr.flush();
        return failed > 0 ? Failures.EXPECTATION_FAILED : Failures.OK;
    }

    private static String seconds(long nanos) {
        return new java.math.BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
    }

    private Backend.IcOptions icOptions() {
        URI ic = icUrl == null ? null : serverUrl(icUrl, "--ic-url");
        Principal ecid = null;
        if (effectiveCanisterId != null) {
            try {
                ecid = Principal.fromText(effectiveCanisterId.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--effective-canister-id: " + e.getMessage()
                        + "; accepted: a canister id such as rwlgt-iiaaa-aaaaa-aaaaa-cai");
            }
        }
        return new Backend.IcOptions(ic, mainnet, yesSpendCycles, identity, anonymous, ecid);
    }

    private URI serverUrl(String text, String option) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not a server URL; "
                    + "accepted: http://HOST:PORT or https://HOST:PORT, e.g. http://127.0.0.1:8080");
        }
        return url;
    }

    /** The scenario's expectations checked against the summary tree, in the order the file lists them. */
    static List<ExpectationResult> evaluate(Scenario scenario, RunResult result) {
        var summary = SummaryPaths.toJson(result);
        List<ExpectationResult> out = new ArrayList<>();
        List<Expectation> parsed = ExpectationCheck.parse(scenario);
        for (int i = 0; i < parsed.size(); i++) {
            Expectation e = parsed.get(i);
            // The schema passed before the run; a row index this run does not have is still an input error.
            if (SummaryPaths.lookup(summary, e.path()).isEmpty()) {
                throw ExpectationCheck.error(scenario.expectations().get(i), "\"" + e.expression() + "\": "
                        + e.path() + " is not in this run's summary (it has " + summary.path("metrics").size()
                        + " metric rows, metrics.0 to metrics." + (summary.path("metrics").size() - 1) + ")");
            }
            out.add(e.evaluate(summary));
        }
        return out;
    }
}
