package org.caniclab.bench.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The regression gate: reads a JMH run ({@code -rf json}, with {@code -prof gc}) and {@code gates.toml},
 * writes the Markdown results table, and checks every gate.
 *
 * <pre>
 * java -cp benchmarks.jar org.caniclab.bench.gate.GateCheck \
 *     --results out/bench/results.json --gates benchmarks/gates.toml --markdown out/bench/results.md
 * java -cp benchmarks.jar org.caniclab.bench.gate.GateCheck --validate benchmarks/gates.toml
 * </pre>
 *
 * <p>Exit codes (the project's): 0 every gate passed; 1 a gate failed (the failures are printed as a
 * table); 2 bad usage, or a results or gate file that cannot be used (the message names the file and
 * key); 4 an internal error.
 *
 * <p>{@code --allow-missing} turns "no result matches this gate" from a failure into a skip, for runs
 * of a subset of the benchmarks.
 */
public final class GateCheck {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 4;

    private static final String USAGE = """
            usage: GateCheck --results FILE --gates FILE [--markdown FILE] [--allow-missing]
                   GateCheck --validate GATES_FILE
              --results FILE   JMH results written with -rf json (and -prof gc for bytes/op)
              --gates FILE     the gates and references, e.g. benchmarks/gates.toml
              --markdown FILE  also write the results table and gate outcomes there
              --allow-missing  a gate that selects no result is skipped instead of failed
              --validate FILE  only check that a gate file is valid""";

    private GateCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line's work, with its exit code instead of exiting: what the tests call. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return runChecked(args, out, err);
        } catch (BadInputException | IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("internal error: " + e + " (stack trace follows)");
            e.printStackTrace(err);
            return INTERNAL;
        }
    }

    private static int runChecked(String[] args, PrintStream out, PrintStream err) throws IOException {
        Path results = null;
        Path gates = null;
        Path markdown = null;
        Path validate = null;
        boolean allowMissing = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--gates" -> gates = Path.of(value(args, ++i, a));
                case "--markdown" -> markdown = Path.of(value(args, ++i, a));
                case "--validate" -> validate = Path.of(value(args, ++i, a));
                case "--allow-missing" -> allowMissing = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return PASSED;
                }
                default -> throw new BadInputException("unknown argument '" + a + "'\n" + USAGE);
            }
        }
        if (validate != null) {
            GateFile file = GateFile.read(validate);
            out.println(validate + ": " + file.gates().size() + " gates, " + file.references().size()
                    + " references");
            return PASSED;
        }
        if (results == null || gates == null) {
            throw new BadInputException("--results and --gates are required\n" + USAGE);
        }
        GateFile file = GateFile.read(gates);
        JmhResults.Run run = JmhResults.read(results);
        GateEvaluator evaluator = new GateEvaluator(file, run.results());
        List<GateOutcome> outcomes = evaluator.evaluate(allowMissing);
        if (markdown != null) {
            writeAtomically(markdown, ResultsTable.markdown(run, evaluator, outcomes));
        }

        out.println(run.description());
        out.println();
        out.print(ResultsTable.results(run.results(), evaluator));
        out.println();
        out.print(ResultsTable.gates(outcomes));
        long failed = outcomes.stream().filter(GateOutcome::failed).count();
        long skipped = outcomes.stream().filter(o -> o.verdict() == GateOutcome.Verdict.SKIPPED).count();
        long passed = outcomes.size() - failed - skipped;
        if (failed > 0) {
            out.println();
            out.println("FAILED: " + failed + " gate check(s) out of " + outcomes.size() + ":");
            out.print(ResultsTable.gates(outcomes, true));
            out.println("(each gate's reason is in " + gates + ")");
        }
        out.println();
        // Worded so that no CI log reader takes it for a test runner's "N passed, N failed" closing line.
        out.println("gate checks: " + passed + " met, " + failed + " broken"
                + (skipped > 0 ? ", " + skipped + " without results" : ""));
        return failed > 0 ? FAILED : PASSED;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new BadInputException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    // Written beside the target and renamed, so an interrupted run never leaves half a table.
    static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
