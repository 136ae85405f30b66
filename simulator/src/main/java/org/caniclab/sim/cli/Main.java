package org.caniclab.sim.cli;

import java.util.concurrent.Callable;
import java.util.function.Function;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.Substrate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code caniclab} command line: {@code replay}, {@code sweep}, {@code validate} and {@code verify} on scenario
 * files, {@code compare} on report folders.
 * Exit codes follow the conventions: 0 ok, 1 an expectation failed (or verify found a violation), 2 bad
 * input or usage, 3 substrate unavailable, 4 internal error, 5 verify inconclusive (its search was cut).
 *
 * <pre>{@code
 * CommandLine cli = Main.newCommandLine();
 * int exit = cli.execute("replay", "scenarios/steady.toml", "--seed", "7");
 * }</pre>
 */
@Command(name = "caniclab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Replays, validates and verifies Canic scaling scenarios on a deterministic IC simulator.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:an expectation failed, or verify found a violating schedule",
            "2:bad input or usage", "3:a substrate is unavailable", "4:internal error",
            "5:verify was inconclusive: a budget or --max-steps cut the search before any violation was found"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The subcommands' names, in the order of the help's list. */
    static final java.util.List<String> COMMANDS = java.util.List.of("replay", "sweep", "compare", "validate", "verify",
            "worker");

    public static void main(String[] args) throws InterruptedException {
        // A process runs one command: when the first argument names it, only that command's model is built
        // (picocli reads each command's annotations by reflection, a large part of start-up; its classes are
        // too old a format for the class-data archive). Anything else (no command, an option, a typo) gets
        // the full command line, so the root's help, version and suggestions stay as they are.
        String only = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : null;
        if ("replay".equals(only) || "sweep".equals(only)) {
            WarmUp.start(only); // loading and report paths, run once beside the argument parsing and the run
        }
        int code = newCommandLine(new Simulator(), System.console() != null, System::getenv, only).execute(args);
        if (Interruption.signalled()) {
            // SIGINT/SIGTERM: the JVM is already exiting with 130/143 once the hooks return; System.exit here would
            // either block or race it with another status.
            Thread.sleep(Long.MAX_VALUE);
        }
        System.exit(code);
    }

    /** The configured command line: scenarios run on the embedded simulator, or on PocketIC when asked. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new Simulator(),
                System.console() != null);
    }

    /**
     * @param simulator what {@code replay} runs scenarios with on {@code --backend sim}
     * @param terminal whether stderr is a terminal (the progress bar is drawn only then)
     */
    static CommandLine newCommandLine(Substrate simulator, boolean terminal) {
        return newCommandLine(simulator, terminal, System::getenv);
    }

    /** As above, reading environment variables ({@code POCKET_IC_BIN}) through {@code env}. */
    static CommandLine newCommandLine(Substrate simulator, boolean terminal, Function<String, String> env) {
        return newCommandLine(simulator, terminal, env, null);
    }

    /** As above, with only the subcommand named {@code only} (one of {@link #COMMANDS}), or all when null. */
    static CommandLine newCommandLine(Substrate simulator, boolean terminal, Function<String, String> env,
            String only) {
        CommandLine cli = new CommandLine(new Main());
        if (only == null || only.equals("replay")) {
            cli.addSubcommand(new CommandLine(new ReplayCommand(simulator, terminal, env)));
        }
        if (only == null || only.equals("sweep")) {
            cli.addSubcommand(new CommandLine(new SweepCommand(simulator, terminal)));
        }
        if (only == null || only.equals("compare")) {
            cli.addSubcommand(new CommandLine(new CompareCommand()));
        }
        if (only == null || only.equals("validate")) {
            cli.addSubcommand(new CommandLine(new ValidateCommand()));
        }
        if (only == null || only.equals("verify")) {
            cli.addSubcommand(new CommandLine(new VerifyCommand(terminal)));
        }
        if (only == null || only.equals("worker")) {
            cli.addSubcommand(new CommandLine(new WorkerCommand()));
        }
        Failures failures = new Failures();
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command; accepted: replay, sweep, compare, validate, verify, worker");
    }
}
