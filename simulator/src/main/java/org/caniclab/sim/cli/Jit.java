package org.caniclab.sim.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.WorkEstimate;
import picocli.CommandLine;

/**
 * Which JIT a command runs with, and the move from the quick one to the full one for long replays and sweeps.
 *
 * <p>The launcher starts {@code replay}, {@code sweep}, {@code validate}, {@code compare} and help with the quick JIT:
 * C1 alone ({@value #QUICK_FLAG}), marked by {@value #QUICK_MARK}. Most of a short replay is code run once or a few
 * hundred thousand times (argument parsing, the scenario's parser, the report's writers, a run of a few million
 * events), which C1's code runs sooner than the tiered JIT's profiled code, and without the optimizing compiler's
 * work competing for the cores: on the 2-core development machine the 10<sup>6</sup>-request replay of
 * {@code benchmarks/scenarios/continuous-1m.toml} takes about 0.36 s as a whole process instead of 0.45. A long run,
 * though, wants the optimizing compiler (with C1's code, 10<sup>7</sup> requests took 0.87 s of engine time against
 * 0.57 s tiered), so a replay whose scenario estimates more than {@link #quickMaxEvents()} events runs in a new JVM
 * with the tiered JIT instead: the same command line without the two quick options, marked so that it never moves
 * again, with this process's standard streams, and its exit status returned. That costs one more JVM start and
 * scenario load, about 0.3 s, which a run of that size repays. Only a scenario read from regular files moves (the new
 * JVM reads them again). A sweep is the same, its runs' events summed, with a bound ten times higher when its runs
 * take every core ({@link #quickMaxEvents(int)}): thousands of short runs are mostly code met once per run, which
 * keeps the optimizing compiler busy for as long, on a core the runs would use. {@code verify} and {@code worker},
 * long-lived by nature, always get the tiered JIT.
 *
 * <pre>{@code
 * if (Jit.quick() && Jit.estimatedEvents(scenario) > Jit.quickMaxEvents()) {
 *     Optional<Integer> status = Jit.inTieredJvm(spec.commandLine(), scenarioFile, List.of(scenario));
 *     if (status.isPresent()) return status.get();   // the tiered JVM did the work
 * }
 * }</pre>
 */
final class Jit {
    /** The system property the launcher sets to {@code quick} with {@link #QUICK_FLAG}. */
    static final String PROPERTY = "caniclab.jit";
    static final String QUICK_FLAG = "-XX:TieredStopAtLevel=1";
    static final String QUICK_MARK = "-D" + PROPERTY + "=quick";
    /** Set in a relaunched JVM's environment: it runs where it is, whatever options it inherited. */
    static final String RELAUNCHED_ENV = "CANICLAB_RELAUNCHED";
    /**
     * Estimated events above which a quick-JIT replay moves to the tiered JIT: where the relaunch's cost equals what
     * the optimizing compiler saves (measured: 2·10<sup>7</sup> events took 0.87 s with C1 and 0.57 s tiered, and a
     * relaunch costs about 0.3 s). The system property {@value #PROPERTY}{@code .quickMaxEvents} sets another
     * (tests).
     */
    static final long QUICK_MAX_EVENTS = 20_000_000L;
    /** How much longer quick-JIT work may be when its threads leave the optimizing compiler no core of its own. */
    static final int SHARED_CORES_FACTOR = 10;
    /** Bytes a trace row takes on average, to guess a trace's rows from its size (see {@link #estimatedEvents}). */
    static final int TRACE_BYTES_PER_ROW = 16;
    /** How long a signalled launcher waits for the relaunched JVM to wind up before it kills it. */
    static final int WAIT_SECONDS = Interruption.WAIT_SECONDS + 5;
    /** The launcher's options whose value is the next argument. */
    private static final Set<String> VALUED = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--add-modules", "--add-opens", "--add-exports", "--add-reads");

    private Jit() {}

    /** Whether this JVM was started with the quick JIT by the launcher, and may still move to the tiered one. */
    static boolean quick() {
        return "quick".equals(System.getProperty(PROPERTY)) && System.getenv(RELAUNCHED_ENV) == null;
    }

    /**
     * What {@code run-info.json} says of this JVM's JIT, read from the VM's own flags (whatever set them): {@code
     * tiered}, {@code C1 only (TieredStopAtLevel=N)} or {@code C2 only}. Computed once; the start-up warm-up asks
     * first, so that a replay does not pay for the management classes.
     */
    static String describe() {
        return Described.TEXT;
    }

    private static final class Described {
        static final String TEXT = read();

        private static String read() {
            try {
                HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                if (!Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())) {
                    return "C2 only";
                }
                int level = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
                return level >= 4 ? "tiered" : "C1 only (TieredStopAtLevel=" + level + ")";
            } catch (RuntimeException e) {
                return ""; // not a HotSpot VM: not said
            }
        }
    }

    /**
     * A replay's events for the choice of JIT: the scenario's estimate plus two per row of its traces (an arrival and
     * its completion), at {@value #TRACE_BYTES_PER_ROW} bytes a row (a 1.15 GB trace of 72·10<sup>6</sup> rows has
     * 16). A guess from the file size, never a limit: traces are read streamed and bounded by their rows.
     */
    static double estimatedEvents(double scenarioEvents, long traceBytes) {
        return scenarioEvents + 2.0 * traceBytes / TRACE_BYTES_PER_ROW;
    }

    /** A replay's or a sweep run's events for the choice of JIT: {@link #estimatedEvents(double, long)} of its inputs. */
    static double estimatedEvents(Scenario scenario) {
        long traceBytes = 0;
        for (Path file : traceFiles(scenario)) {
            try {
                traceBytes += Files.size(file);
            } catch (IOException e) {
                // unreadable: the run will say so
            }
        }
        return estimatedEvents(WorkEstimate.of(scenario).events(), traceBytes);
    }

    /**
     * The events above which work on {@code threads} threads moves to the tiered JIT. Where a core is left over, the
     * optimizing compiler works on it beside the runs: {@link #quickMaxEvents()}. Where the runs take every core, it
     * takes its time from them, and each run's once-per-run code (building the model, the summary) keeps it busy for
     * thousands of runs: ten times as many (measured on 2 cores with {@code --parallel 2}, whole processes: 1 000
     * replays of {@code steady.toml} took 0.64–0.72 s with C1 against 0.88–0.97 tiered, 20 000 took 4.71–4.73 s
     * against 4.78–5.13, and 60 000, 12.7 s against 11.0; with {@code --parallel 1}, 20 000 took 7.45–7.63 s with C1
     * against 5.99–6.05 tiered). On one core, where that was not measured, the bound stays the replay's.
     */
    static long quickMaxEvents(int threads) {
        long base = quickMaxEvents();
        int cores = Runtime.getRuntime().availableProcessors();
        return cores < 2 || threads < cores ? base : base * SHARED_CORES_FACTOR;
    }

    /**
     * Whether a sweep whose runs estimate {@code events} in all, on {@code threads} threads, moves to the tiered JIT.
     * What counts is the work in this JVM: the runs, unless a cluster runs them, and with {@code --keep-runs} their
     * re-runs one after another, which leave the compiler a core as a replay does (so the replay's bound).
     */
    static boolean sweepMoves(double events, int threads, boolean cluster, boolean keepRuns) {
        double here = (cluster ? 0 : events) + (keepRuns ? events : 0);
        long bound = cluster || keepRuns ? quickMaxEvents() : quickMaxEvents(threads);
        return here > bound;
    }

    /** The scenario's trace files, in the order its loads list them. */
    private static List<Path> traceFiles(Scenario scenario) {
        List<Path> files = new ArrayList<>();
        for (LoadSource load : scenario.loads()) {
            if (load instanceof LoadSource.Trace t) {
                files.add(t.file());
            }
        }
        return files;
    }

    /**
     * Whether a new JVM would read the same inputs: the scenario file and the scenarios' traces are plain files, not
     * links such as {@code /dev/stdin} whose content this JVM may have consumed.
     */
    private static boolean rereadable(Path scenarioFile, List<Scenario> scenarios) {
        return Files.isRegularFile(scenarioFile, LinkOption.NOFOLLOW_LINKS) && scenarios.stream()
                .flatMap(s -> traceFiles(s).stream()).allMatch(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Long work started with the quick JIT: runs this same command in a JVM with the tiered JIT and returns its exit
     * status; empty when that JVM would not read the same inputs ({@code scenarioFile} and the traces of
     * {@code scenarios}) or cannot be started here (the work then goes on in this one).
     */
    static Optional<Integer> inTieredJvm(CommandLine commandLine, Path scenarioFile, List<Scenario> scenarios) {
        if (!rereadable(scenarioFile, scenarios)) {
            return Optional.empty();
        }
        Optional<List<String>> command = fullCommand(ProcessHandle.current().info());
        if (command.isEmpty()) {
            return Optional.empty();
        }
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        try {
            return Optional.of(run(command.get()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Failures.INTERRUPTED);
        }
    }

    static long quickMaxEvents() {
        String s = System.getProperty(PROPERTY + ".quickMaxEvents");
        if (s != null) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return QUICK_MAX_EVENTS;
    }

    /**
     * This JVM's command line without the quick JIT's two options, or empty when the platform does not tell the
     * command line (then the replay runs here, with the quick JIT).
     */
    static Optional<List<String>> fullCommand(ProcessHandle.Info self) {
        Optional<String> command = self.command();
        Optional<String[]> arguments = self.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withoutQuickOptions(command.get(), List.of(arguments.get())));
    }

    /**
     * {@code command} and {@code arguments} without {@link #QUICK_FLAG} and {@link #QUICK_MARK} among the JVM's
     * options (those before {@code -jar} or the main class), in order.
     */
    static List<String> withoutQuickOptions(String command, List<String> arguments) {
        List<String> out = new ArrayList<>();
        out.add(command);
        boolean jvmOptions = true;
        boolean value = false; // the argument is the value of the option before it (-cp PATH)
        for (String a : arguments) {
            if (jvmOptions && !value) {
                if (a.equals(QUICK_FLAG) || a.equals(QUICK_MARK)) {
                    continue;
                }
                if (a.equals("-jar") || !a.startsWith("-")) {
                    jvmOptions = false; // what follows is the program and its arguments
                }
                value = VALUED.contains(a);
            } else {
                value = false;
            }
            out.add(a);
        }
        return out;
    }

    /**
     * Runs {@code command} with this process's standard streams and {@value #RELAUNCHED_ENV} set, and returns its
     * exit status. A SIGINT or SIGTERM that stops this JVM meanwhile is passed on (the child gets SIGTERM; a Ctrl-C
     * reaches both anyway), and this JVM then exits with the child's status once it has finished; a child still
     * running {@link #WAIT_SECONDS} s later is killed. If this thread is interrupted, the child is stopped too.
     */
    static int run(List<String> command) throws IOException, InterruptedException {
        AtomicReference<Process> started = new AtomicReference<>();
        // The hook first, so that no signal can come between the child's start and its hook.
        Thread hook = new Thread(() -> {
            Process child = started.get();
            if (child == null) {
                return;
            }
            child.destroy();
            try {
                if (child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(child.exitValue());
                }
                child.destroyForcibly();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }, "relaunched-jvm");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put(RELAUNCHED_ENV, "1");
            Process child = builder.start();
            started.set(child);
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                throw e;
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and exits with the child's status
            }
        }
    }
}
