package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caniclab.sim.cli.MalformedCases.Expect;
import org.caniclab.sim.cli.TomlTree.Entry;
import org.caniclab.sim.cli.TomlTree.Lit;
import org.caniclab.sim.cli.TomlTree.Tab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of the malformed-input suite over the shipped scenarios ({@link MalformedCases}): files that are not
 * regular files as the scenario, the trace and the canic.toml; damaged copies of the shipped trace; bad
 * {@code --set} for every key of every scenario and malformed ones; bad {@code --out}. Each is exit 2 with one line
 * (a usage error may add picocli's --help hint) and nothing written, or, where the spec says the input is fine (a
 * byte-order mark, CR line ends, an empty trace), a valid run with a complete report; none hangs.
 */
class GeneratedInputFilesTest {
    @TempDir
    static Path dir;
    static MalformedCases cases;

    @BeforeAll
    static void corpus() throws IOException {
        cases = MalformedCases.in(dir);
    }

    @AfterAll
    static void counts() {
        cases.print("files");
    }

    /** A FIFO, a directory, /dev/zero, /dev/null, a dangling link: made beside {@code like}, with its name. */
    private static List<Path> specials(Path folder, String name) throws IOException, InterruptedException {
        List<Path> out = new ArrayList<>();
        Path fifo = folder.resolve("fifo-" + name);
        try {
            Process mk = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            if (mk.waitFor() == 0 && Files.exists(fifo)) {
                out.add(fifo);
            }
        } catch (IOException e) {
            System.out.println("malformed-input files: no FIFO case, mkfifo is not available: " + e.getMessage());
        }
        out.add(Files.createDirectories(folder.resolve("dir-" + name)));
        for (String dev : List.of("/dev/zero", "/dev/null")) {
            if (Files.exists(Path.of(dev))) {
                out.add(Path.of(dev));
            }
        }
        out.add(Files.createSymbolicLink(folder.resolve("dangling-" + name), folder.resolve("nowhere-" + name)));
        return out;
    }

    private List<String> command(String command, Path scenario) {
        List<String> args = new ArrayList<>(List.of(command, scenario.toString()));
        if (command.equals("replay") || command.equals("sweep")) {
            args.addAll(List.of("--out", cases.outs.resolve("never").toString()));
        }
        return args;
    }

    @Test
    void nonRegularFilesAsScenarioTraceAndCanicToml() throws Exception {
        Path base = cases.base;
        for (Path special : specials(base, "s.toml")) {
            for (String command : List.of("validate", "replay", "verify", "sweep")) {
                cases.refused("not-a-file scenario", command + " " + special, command(command, special), false,
                        special);
            }
        }
        Tab trace = TomlTree.parse(Files.readString(base.resolve("trace-replay.toml")));
        Tab canic = TomlTree.parse(Files.readString(base.resolve("canic-config.toml")));
        for (Path special : specials(base, "t.csv")) {
            Tab m = trace.copy();
            m.set(List.of("load", 0, "file"), TomlTree.string(special.toString()));
            Path s = Files.writeString(cases.beside(base.resolve("trace-replay.toml"), "special"),
                    TomlTree.write(m, true).text());
            for (String command : List.of("validate", "replay", "sweep")) {
                String line = cases.refused("not-a-file trace", command + " trace " + special, command(command, s),
                        true, s);
                assertTrue(line.contains("load[0].file: cannot read trace file"), line);
            }
        }
        for (Path special : specials(base, "canic.toml")) {
            Tab m = canic.copy();
            m.set(List.of("canic", "file"), TomlTree.string(special.toString()));
            Path s = Files.writeString(cases.beside(base.resolve("canic-config.toml"), "special"),
                    TomlTree.write(m, true).text());
            for (String command : List.of("validate", "replay", "verify")) {
                String line = cases.refused("not-a-file canic.toml", command + " canic " + special,
                        command(command, s), true, s);
                assertTrue(line.contains("canic.file: cannot read canic.toml file"), line);
            }
        }
        assertTrue(cases.count("not-a-file scenario") >= 16, "" + cases.count("not-a-file scenario"));
    }

    /** The shipped trace-replay scenario with its trace replaced by {@code bytes}. */
    private Path trace(String what, byte[] bytes, Expect expect) throws IOException {
        Path base = cases.base;
        Path csv = Files.write(cases.beside(base.resolve("traces/api-burst.csv"), "bad"), bytes);
        Tab m = TomlTree.parse(Files.readString(base.resolve("trace-replay.toml")));
        m.set(List.of("load", 0, "file"), TomlTree.string(base.relativize(csv).toString()));
        Path s = Files.writeString(cases.beside(base.resolve("trace-replay.toml"), "trace"),
                TomlTree.write(m, true).text());
        cases.check("bad-trace", "trace " + what, s, expect, null, 0, List.of(), csv);
        return s;
    }

    /** The whole run, not cut: the scenario's expectations (851 api and 116 batch arrivals) must hold. */
    private void sameArrivals(Path s) {
        Path out = cases.outs.resolve("full");
        Cli.Result r = Cli.real("replay", s.toString(), "--out", out.toString(), "--quiet");
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), s + " must read every row alike: " + r.err());
        MalformedCases.deleteTree(out);
    }

    @Test
    void damagedTraces() throws IOException {
        List<String> lines = Files.readAllLines(cases.base.resolve("traces/api-burst.csv"), StandardCharsets.UTF_8);
        String lf = String.join("\n", lines) + "\n";
        // What the spec accepts: a byte-order mark, CR or CRLF line ends, no header, an empty file, comments.
        sameArrivals(trace("with a BOM", ("\uFEFF" + lf).getBytes(StandardCharsets.UTF_8), Expect.VALID));
        sameArrivals(trace("CR line ends", lf.replace("\n", "\r").getBytes(StandardCharsets.UTF_8), Expect.VALID));
        sameArrivals(trace("CRLF line ends", lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), Expect.VALID));
        trace("empty", new byte[0], Expect.VALID);
        trace("header only", (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8), Expect.VALID);
        trace("no header", String.join("\n", lines.subList(1, lines.size())).getBytes(StandardCharsets.UTF_8),
                Expect.VALID);
        // Bad headers.
        for (String header : List.of("time_s,time_s", "time_s,pool,pool", "time,pool", "\"time_s\",\"pool\"x",
                "pool,time_s,extra")) {
            trace("header " + header, (header + "\n" + String.join("\n", lines.subList(1, lines.size())) + "\n")
                    .getBytes(StandardCharsets.UTF_8), header.startsWith("pool,") ? Expect.EITHER : Expect.REFUSED);
        }
        // Bad rows, each at rows spread over the file: the time, the pool, the shape, the bytes.
        List<String> badTimes = List.of("abc", "-1", "NaN", "Infinity", "-Infinity", "1e400", "0x10", "", "1,5");
        int rows = lines.size() - 1;
        for (int k = 0; k < 6; k++) {
            int row = 1 + k * (rows - 1) / 5;
            for (String t : badTimes) {
                List<String> m = new ArrayList<>(lines);
                String[] f = m.get(row).split(",", -1);
                m.set(row, t + "," + (f.length > 1 ? f[1] : ""));
                trace("row " + row + " time " + t, (String.join("\n", m) + "\n").getBytes(StandardCharsets.UTF_8),
                        Expect.REFUSED);
            }
            List<String> m = new ArrayList<>(lines);
            m.set(row, m.get(row).split(",", -1)[0] + ",no_such_pool");
            trace("row " + row + " unknown pool", (String.join("\n", m) + "\n").getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSED);
            if (row > 1) {
                List<String> back = new ArrayList<>(lines);
                back.set(row, "0.001," + (back.get(row).split(",", -1).length > 1 ? back.get(row).split(",", -1)[1] : ""));
                trace("row " + row + " back in time", (String.join("\n", back) + "\n").getBytes(StandardCharsets.UTF_8),
                        Expect.REFUSED);
            }
            List<String> wide = new ArrayList<>(lines);
            wide.set(row, wide.get(row) + ",x,y");
            trace("row " + row + " too many fields", (String.join("\n", wide) + "\n").getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSED);
            List<String> big = new ArrayList<>(lines);
            big.set(row, big.get(row).split(",", -1)[0] + "," + "p".repeat(1 << 20));
            trace("row " + row + " a 1 MB field", (String.join("\n", big) + "\n").getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSED);
            byte[] bytes = (String.join("\n", lines.subList(0, row)) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] garbage = {(byte) 0xFF, (byte) 0xFE, 0, '\n'};
            byte[] out = new byte[bytes.length + garbage.length];
            System.arraycopy(bytes, 0, out, 0, bytes.length);
            System.arraycopy(garbage, 0, out, bytes.length, garbage.length);
            trace("row " + row + " not UTF-8", out, Expect.REFUSED);
            trace("row " + row + " an open quote", (String.join("\n", lines.subList(0, row)) + "\n\"1.0,api\n")
                    .getBytes(StandardCharsets.UTF_8), Expect.REFUSED);
        }
        assertTrue(cases.count("bad-trace") >= 80, "" + cases.count("bad-trace"));
    }

    @Test
    void badSetForEveryKeyAndMalformedOnes() throws IOException {
        for (Path s : cases.scenarios()) {
            Tab tree = TomlTree.parse(Files.readString(s));
            for (Entry e : TomlTree.walk(tree)) {
                if (e.node() instanceof Tab) {
                    continue;
                }
                String path = TomlTree.name(e.path());
                String label = s.getFileName() + " --set " + path;
                // A misspelt key path: the table does not have it.
                cases.check("bad-set", label + "x", s, Expect.REFUSED, null, 0, List.of("--set", path + "x=1"));
                // A value of the wrong type (a table where a value belongs, or a value where a table does).
                String bad = e.node() instanceof Lit ? "{a = 1}" : "\"not-an-array\"";
                cases.check("bad-set", label + "=" + bad, s, Expect.REFUSED, null, 0, List.of("--set", path + "=" + bad));
                // An index past the end of its array, or into a value.
                cases.check("bad-set", label + ".9", s, Expect.REFUSED, null, 0, List.of("--set", path + ".9=1"));
            }
            for (String set : List.of("a=", "=b", "missing-equals", "run..seed=1", "load[x].rate=1", "load.99.rate=1",
                    "pools.nope.router=random", "run.seed.x=1", "run.seed=9223372036854775808", "run.seed=abc",
                    "[1]=2", "run.seed=" + "9".repeat(5000))) {
                cases.check("bad-set", s.getFileName() + " --set " + (set.length() > 40 ? set.substring(0, 20) + "..."
                        : set), s, Expect.REFUSED, null, 0, List.of("--set", set));
            }
            // Usage errors: picocli's own, with the --help hint.
            cases.usage("bad-usage", s.getFileName() + " --set without value", List.of("replay", s.toString(), "--set"));
            cases.usage("bad-usage", s.getFileName() + " --seed abc", List.of("replay", s.toString(), "--seed", "abc"));
            cases.usage("bad-usage", s.getFileName() + " --seed -1", List.of("replay", s.toString(), "--seed", "-1"));
            cases.usage("bad-usage", s.getFileName() + " --bogus", List.of("validate", s.toString(), "--bogus"));
        }
        assertTrue(cases.count("bad-set") >= 300, "" + cases.count("bad-set"));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder.toAbsolutePath())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void badOut() throws IOException {
        Path afile = Files.writeString(cases.base.resolve("afile"), "x");
        Path dangling = Files.createSymbolicLink(cases.base.resolve("dangling-out"), cases.base.resolve("nowhere-out"));
        Path notReport = Files.createDirectories(cases.base.resolve("not-a-report"));
        Files.writeString(notReport.resolve("keep.txt"), "mine");
        List<String> outs = List.of(afile.toString(), "/dev/null", dangling.toString(), afile + "/sub", "/proc/x",
                "/proc/x/y", "", notReport.toString());
        List<String> before = listing(cases.base);
        List<String> cwd = listing(Path.of(""));
        for (Path s : cases.scenarios()) {
            for (String out : outs) {
                for (String command : List.of("replay", "sweep")) {
                    cases.usage("bad-out", command + " " + s.getFileName() + " --out '" + out + "'",
                            List.of(command, s.toString(), "--out", out, "--max-events", MalformedCases.MAX_EVENTS));
                }
            }
        }
        assertTrue(Files.readString(notReport.resolve("keep.txt")).equals("mine"), "a folder that is no report is kept");
        org.junit.jupiter.api.Assertions.assertEquals(before, listing(cases.base), "nothing created beside the outs");
        org.junit.jupiter.api.Assertions.assertEquals(cwd, listing(Path.of("")), "--out '' writes nothing here");
        assertTrue(cases.count("bad-out") >= 100, "" + cases.count("bad-out"));
    }
}
