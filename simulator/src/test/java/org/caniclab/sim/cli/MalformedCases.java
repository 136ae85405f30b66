package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs generated malformed-input cases through the CLI in-process and checks the promise for each: either a valid
 * scenario, which {@code replay} then actually runs (cut short) to a complete report folder with exit 0 or 1, or
 * exit 2 with one line on stderr naming the file and the line or key, no stack trace, the same line from
 * {@code validate} and {@code replay}, and nothing written where {@code --out} pointed. Every CLI call has a
 * timeout, so a hang fails the case instead of the build. Counts cases per kind.
 *
 * <pre>{@code
 * MalformedCases cases = MalformedCases.in(tempDir);
 * cases.check("drop-key", "steady run.seed", mutant, Expect.VALID, "run.seed", 12, List.of());
 * cases.print();
 * }</pre>
 */
final class MalformedCases {
    /** What a case must give. */
    enum Expect { REFUSED, VALID, EITHER }

    /** A CLI call slower than this fails its case: no case may hang or take more than a few seconds. */
    static final Duration PER_CALL = Duration.ofSeconds(10);
    /** Events a mutant may run: keeps every valid run to a few seconds (the default limit allows minutes). */
    static final String MAX_EVENTS = "20000000";
    /** Replays of valid mutants are cut to this (unless the mutation is in [run]). */
    static final List<String> CUT = List.of("--set", "run.duration=3s", "--set", "run.warmup=0");
    private static final Pattern ERROR = Pattern.compile("error: (.+?\\.(?:toml|csv))(?::(\\d+))?: (.*)");
    private static final List<String> REPORT = List.of("summary.json", "summary.txt", "run-info.json", "timeline.csv",
            "events.csv", "metrics.csv", "index.html");

    final Path base;
    final Path outs;
    private final List<Path> shipped;
    private final Map<String, long[]> counts = new TreeMap<>(); // kind -> cases, refused, valid, max ms
    private int n;

    private MalformedCases(Path base, Path outs) throws IOException {
        this.base = base;
        this.outs = outs;
        this.shipped = list(base);
    }

    /** A copy of the repository's scenarios/ (with canic.toml and traces/) under {@code dir}, and a folder for --out. */
    static MalformedCases in(Path dir) throws IOException {
        Path from = Cli.scenarios();
        Path base = dir.resolve("scenarios");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path to = base.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return new MalformedCases(base, Files.createDirectories(dir.resolve("outs")));
    }

    /** The shipped scenarios (scenarios/*.toml and scenarios/studies/*.toml, not canic.toml), in the copy. */
    List<Path> scenarios() {
        return shipped;
    }

    private static List<Path> list(Path base) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(base, base.resolve("studies"))) {
            try (Stream<Path> files = Files.list(d)) {
                files.filter(p -> p.toString().endsWith(".toml") && !p.getFileName().toString().equals("canic.toml"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** A fresh file name beside {@code like} (same folder, so relative references still resolve). */
    Path beside(Path like, String tag) {
        String name = like.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return like.resolveSibling(name.substring(0, dot) + "-" + tag + "-" + (++n) + name.substring(dot));
    }

    /**
     * One scenario case: {@code validate}, then {@code replay --out} (and, for a valid study, {@code sweep}).
     *
     * @param path the key path the mutation touched (the loader's naming), or null
     * @param line the line it was written on, or 0: an error naming {@code path} must name this line
     * @param extra more arguments for every command ({@code --set ...})
     * @param files what the error line may name (the scenario is always allowed)
     * @return true when refused
     */
    boolean check(String kind, String label, Path scenario, Expect expect, String path, int line, List<String> extra,
            Path... files) {
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("validate", scenario.toString(), "--max-events", MAX_EVENTS));
        args.addAll(extra);
        Cli.Result v = call(label, args);
        boolean refused;
        if (v.exit() == 0) {
            assertTrue(expect != Expect.REFUSED, label + ": must be refused, validate said " + v.out());
            assertTrue(v.out().startsWith("OK "), label + ": " + v.out());
            assertEquals("", v.err(), label);
            boolean cut = path == null || !(path.equals("run") || path.startsWith("run."));
            replayValid(label, scenario, extra, cut);
            refused = false;
        } else {
            assertTrue(expect != Expect.VALID, label + ": must be valid, got exit " + v.exit() + ": " + v.err());
            String err = refusal(label, v, path, line, true, scenario, files);
            List<String> replay = new ArrayList<>(List.of("replay", scenario.toString(), "--out",
                    outs.resolve("r" + n).toString(), "--max-events", MAX_EVENTS));
            replay.addAll(extra);
            Cli.Result r = call(label, replay);
            assertEquals(2, r.exit(), label + ": replay of what validate refused: " + r.err());
            assertEquals(List.of(err), r.errLines(), label + ": replay and validate must refuse alike");
            assertNothingWritten(label);
            refused = true;
        }
        count(kind, refused, start);
        return refused;
    }

    /**
     * A case that must be exit 2 with one line (e.g. a bad --out, a non-regular file), for any command.
     *
     * @param located false for a problem with the file itself (it has no line or key to name)
     */
    String refused(String kind, String label, List<String> args, boolean located, Path... files) {
        long start = System.nanoTime();
        Cli.Result r = call(label, args);
        assertEquals(2, r.exit(), label + ": " + r.err());
        String line = refusal(label, r, null, 0, located, null, files);
        assertNothingWritten(label);
        count(kind, true, start);
        return line;
    }

    /** A usage error: exit 2, the error line and at most picocli's --help hint after it, nothing written. */
    String usage(String kind, String label, List<String> args) {
        long start = System.nanoTime();
        Cli.Result r = call(label, args);
        assertEquals(2, r.exit(), label + ": " + r.err());
        assertEquals("", r.out(), label);
        List<String> lines = r.errLines();
        assertTrue(lines.size() == 1 || (lines.size() == 2 && lines.get(1).matches("Run '.*--help' for usage\\.")),
                label + ": one line (and the --help hint), got " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), label + ": " + line);
        noTrace(label, r.err());
        assertNothingWritten(label);
        count(kind, true, start);
        return line;
    }

    /** A case run as given that must be valid: exit 0 or 1, with the report complete. */
    void valid(String kind, String label, Path scenario, List<String> extra) {
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("validate", scenario.toString(), "--max-events", MAX_EVENTS));
        args.addAll(extra);
        Cli.Result v = call(label, args);
        assertEquals(0, v.exit(), label + ": " + v.err());
        replayValid(label, scenario, extra, false);
        count(kind, false, start);
    }

    private void replayValid(String label, Path scenario, List<String> extra, boolean cut) {
        Path out = outs.resolve("v" + n);
        List<String> args = new ArrayList<>(List.of("replay", scenario.toString(), "--out", out.toString(), "--quiet",
                "--max-events", MAX_EVENTS));
        if (cut) {
            args.addAll(CUT);
        }
        args.addAll(extra);
        Cli.Result r = call(label, args);
        assertTrue(r.exit() == 0 || r.exit() == 1, label + ": a valid scenario must run (exit 0 or 1), got "
                + r.exit() + ": " + r.err() + " " + args);
        noTrace(label, r.err());
        for (String line : r.errLines()) {
            assertTrue(line.startsWith("FAIL ") || line.startsWith("warning: "), label + ": " + line);
        }
        assertComplete(label, out);
        if (Files.exists(scenario) && hasSweep(scenario)) {
            Path sweepOut = outs.resolve("s" + n);
            List<String> sweep = new ArrayList<>(List.of("sweep", scenario.toString(), "-r", "1", "--parallel", "1",
                    "--quiet", "--out", sweepOut.toString(), "--max-events", MAX_EVENTS));
            sweep.addAll(CUT);
            sweep.addAll(extra);
            Cli.Result s = call(label, sweep);
            assertEquals(0, s.exit(), label + ": sweep of a valid study: " + s.err());
            assertTrue(Files.isRegularFile(sweepOut.resolve("runs.csv")) && Files.isRegularFile(
                    sweepOut.resolve("aggregate.csv")) && Files.isRegularFile(sweepOut.resolve("sweep.json")), label);
            deleteTree(sweepOut);
        }
        deleteTree(out);
        assertNothingWritten(label);
    }

    private static boolean hasSweep(Path scenario) {
        try {
            return Files.readString(scenario).lines().anyMatch(l -> l.strip().startsWith("[sweep]")
                    || l.strip().startsWith("vary ") || l.strip().startsWith("[[sweep.vary]]"));
        } catch (IOException e) {
            return false;
        }
    }

    private void assertComplete(String label, Path out) {
        for (String f : REPORT) {
            assertTrue(Files.isRegularFile(out.resolve(f)), label + ": the report lacks " + f);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("latency-.*\\.hgrm")), label);
        } catch (IOException e) {
            fail(label + ": " + e);
        }
        assertEquals(List.of(out.getFileName().toString()), names(outs), label + ": only the report, nothing beside it");
    }

    private void assertNothingWritten(String label) {
        assertEquals(List.of(), names(outs), label + ": nothing may be written where --out points");
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Checks a refusal's one line; returns it. */
    private static String refusal(String label, Cli.Result r, String path, int line, boolean located, Path scenario,
            Path... files) {
        assertEquals("", r.out(), label);
        assertEquals(1, r.errLines().size(), label + ": exactly one line, got " + r.err());
        String err = r.errLines().get(0);
        noTrace(label, err);
        assertTrue(err.length() <= Failures.MAX_LINE + 40, label + ": a bounded line, got " + err.length()
                + " characters");
        assertTrue(err.startsWith("error: "), label + ": " + err);
        List<String> allowed = new ArrayList<>();
        if (scenario != null) {
            allowed.add(scenario.toString());
        }
        for (Path f : files) {
            allowed.add(f.toString());
        }
        if (!allowed.isEmpty()) {
            // The file at fault: the scenario, a file given, or one the scenario refers to (a trace, a canic.toml).
            Matcher named = ERROR.matcher(err);
            boolean referred = named.matches() && scenario != null && Files.isRegularFile(Path.of(named.group(1)))
                    && Path.of(named.group(1)).toAbsolutePath().startsWith(scenario.toAbsolutePath().getParent());
            assertTrue(referred || allowed.stream().anyMatch(err::contains), label + ": must name " + allowed + ": "
                    + err);
        }
        if (located) {
            Matcher m = ERROR.matcher(err);
            assertTrue(m.matches(), label + ": file[:line]: ... expected, got " + err);
            int at = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            String rest = m.group(3);
            String key = rest.contains(": ") ? rest.substring(0, rest.indexOf(": ")) : "";
            boolean namesKey = key.startsWith("--set ") || key.matches("[A-Za-z0-9_.\\[\\]\"'-]+( \\(from --set .*\\))?");
            assertTrue(at > 0 || namesKey, label + ": must name a line or a key: " + err);
            // (A work-limit refusal names the key the estimate comes from, without a line: the model keeps none.)
            if (path != null && line > 0 && at > 0 && key.equals(path)) {
                assertEquals(line, at, label + ": the error names " + path + " but not its line: " + err);
            }
        }
        return err;
    }

    private static void noTrace(String label, String err) {
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("internal error"),
                label + ": no stack trace or internal error: " + err);
    }

    private static Cli.Result call(String label, List<String> args) {
        return assertTimeoutPreemptively(PER_CALL, () -> Cli.real(args.toArray(new String[0])),
                () -> label + ": hangs or is too slow: " + args);
    }

    private void count(String kind, boolean refused, long start) {
        long[] c = counts.computeIfAbsent(kind, k -> new long[4]);
        c[0]++;
        c[refused ? 1 : 2]++;
        c[3] = Math.max(c[3], (System.nanoTime() - start) / 1_000_000);
    }

    /** Cases of {@code kind} so far. */
    long count(String kind) {
        long[] c = counts.get(kind);
        return c == null ? 0 : c[0];
    }

    long total() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** Prints one line per kind: cases, refused, valid (run), slowest case. */
    void print(String suite) {
        counts.forEach((k, c) -> System.out.printf("malformed-input %s: %-22s %4d cases (%d refused, %d valid and run), "
                + "slowest %d ms%n", suite, k, c[0], c[1], c[2], c[3]));
        System.out.printf("malformed-input %s: %d cases in all%n", suite, total());
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
