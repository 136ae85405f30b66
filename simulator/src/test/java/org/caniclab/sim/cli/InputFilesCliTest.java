package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that are not regular files (a FIFO, a directory, a device), files over the size limit, and pools
 * whose report files would collide: each is refused before anything runs, exit 2, one line, nothing written,
 * and never a hang.
 */
class InputFilesCliTest {
    @TempDir
    Path dir;

    private static final String POOL = "[pools.api]\ncanister_role = \"api_worker\"\n";

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return null;
        }
        assumeTrue(mk.waitFor() == 0 && Files.exists(p), "mkfifo failed");
        return p;
    }

    private String refused(String command, Path scenario, String... fragments) {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(command, scenario.toString()));
        if (command.equals("replay")) {
            args.addAll(List.of("--out", out.toString()));
        }
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Cli.run(Cli.NEVER, args.toArray(new String[0])));
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        for (String f : fragments) {
            assertTrue(line.contains(f), "missing <" + f + "> in " + line);
        }
        assertFalse(line.contains("Exception"), line);
        assertFalse(Files.exists(out), "nothing written");
        return line;
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "validate", "verify"})
    void aFifoAsTheScenarioIsRefusedWithoutBlocking(String command) throws Exception {
        Path f = fifo("s.toml");
        refused(command, f, "cannot read scenario file", "not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "validate"})
    void aFifoAsTheTraceIsRefusedWithoutBlocking(String command) throws Exception {
        fifo("t.csv");
        Path s = dir.resolve("s.toml");
        Files.writeString(s, POOL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\npool = \"api\"\n");
        refused(command, s, "s.toml:5: load[0].file: cannot read trace file", "not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "validate", "verify"})
    void aFifoAsCanicTomlIsRefusedWithoutBlocking(String command) throws Exception {
        fifo("canic.toml");
        Path s = dir.resolve("s.toml");
        Files.writeString(s, "[canic]\nfile = \"canic.toml\"\n");
        refused(command, s, "s.toml:2: canic.file: cannot read canic.toml file", "not a regular file");
    }

    @Test
    void aDirectoryOrADeviceIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("d.toml"));
        refused("validate", dir.resolve("d.toml"), "it is a directory");
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero");
        refused("validate", zero, "not a regular file");
        Path s = dir.resolve("s.toml");
        Files.writeString(s, POOL + "[[load]]\nkind = \"trace\"\nfile = \"/dev/zero\"\npool = \"api\"\n");
        refused("replay", s, "load[0].file: cannot read trace file /dev/zero: not a regular file");
    }

    @Test
    void aScenarioOverFourMebibytesIsRefused() throws IOException {
        Path s = dir.resolve("big.toml");
        String filler = "# " + "x".repeat(1021) + "\n"; // 1 KiB of comment
        Files.writeString(s, POOL + filler.repeat(4 * 1024));
        refused("validate", s, "cannot read scenario file", "more than 4194304 bytes");
        Path ok = dir.resolve("ok.toml");
        Files.writeString(ok, POOL + filler.repeat(4 * 1024 - 1));
        Cli.Result r = Cli.run(Cli.NEVER, "validate", ok.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void poolsWhoseReportFilesCollideAreRefusedAtLoad() throws IOException {
        Path s = dir.resolve("s.toml");
        Files.writeString(s, "[pools.\"a b\"]\ncanister_role = \"w\"\n[pools.a_b]\ncanister_role = \"w\"\n");
        refused("replay", s, "s.toml:3: pools.a_b: pools 'a b' and 'a_b' would write the same report file "
                + "latency-a_b.hgrm", "accepted: pool names that differ");
        Files.writeString(s, "[pools.API]\ncanister_role = \"w\"\n[pools.api]\ncanister_role = \"w\"\n");
        refused("validate", s, "s.toml:3: pools.api: pools 'API' and 'api' would write the same report file");
        Files.writeString(s, "[pools.\"a.b\"]\ncanister_role = \"w\"\n[pools.a_b]\ncanister_role = \"w\"\n");
        Cli.Result r = Cli.run(Cli.NEVER, "validate", s.toString());
        assertEquals(0, r.exit(), "'.' is kept in file names, so a.b and a_b do not collide: " + r.err());
    }
}
