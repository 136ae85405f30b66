package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code caniclab.jar}, run as a subprocess the way {@code ./caniclab} runs it (failsafe, after package). */
@Tag("scenario")
class CliJarIT {
    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {}

    static Proc java(Path cwd, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("caniclab.jar", "target/caniclab.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the CLI jar is built before integration tests: " + jar);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("caniclab-it-", ".out");
        Path err = Files.createTempFile("caniclab-it-", ".err");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void replaysASmallScenarioIntoOutByDefault() throws Exception {
        Path steady = Cli.scenarios().resolve("steady.toml");
        Proc r = java(dir, "replay", steady.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("all 4 expectations met") || r.out().contains("PASS"), r.out());
        Path report = dir.resolve("out/steady");
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals("steady", summary.get("scenario").asText());
        assertEquals("sim", summary.get("backend").asText());
        assertEquals(1, summary.get("seed").asLong());
        assertEquals(2, summary.at("/pools/api/workers_final").asInt());
        assertEquals(0, summary.at("/pools/api/overshoot_peak").asInt());
        assertTrue(summary.at("/pools/api/requests/arrived").asLong() > 0);
        assertEquals(4, summary.get("expectations").size());
        assertTrue(Files.isRegularFile(report.resolve("run-info.json")));
    }

    @Test
    void reportsTheProjectVersion() throws Exception {
        Proc r = java(dir, "--version");
        assertEquals(0, r.exit());
        String expected = System.getProperty("project.version");
        assertTrue(r.out().startsWith("caniclab "), r.out());
        assertFalse(r.out().contains("unknown"), r.out());
        if (expected != null) {
            assertTrue(r.out().startsWith("caniclab " + expected + "\n"), r.out());
        }
    }

    @Test
    void rejectsABadScenarioWithOneLineAndExitTwo() throws Exception {
        Files.writeString(dir.resolve("bad.toml"), "[hub]\nmode = \"optimistic\"\n");
        Proc r = java(dir, "replay", "bad.toml");
        assertEquals(2, r.exit());
        assertEquals("error: bad.toml:2: hub.mode: unknown mode \"optimistic\"; accepted: \"seed-0.33.3\", \"reserved\"\n",
                r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void exitsThreeForAnUnavailableSubstrate() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there, whatever POCKET_IC_BIN says
        }
        String race = Cli.scenarios().resolve("bootstrap-race.toml").toString();
        Proc r = java(dir, "replay", race, "--backend", "pocketic", "--pocketic-url", "http://127.0.0.1:" + port);
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: --pocketic-url: PocketIC server at http://127.0.0.1:" + port
                + " is unreachable"), r.err());
        // The IC backend from the shaded jar (ic4j, Bouncy Castle, slf4j-nop inside): one line, no logger warning.
        Proc ic = java(dir, "replay", race, "--backend", "ic", "--ic-url", "http://127.0.0.1:" + port, "--anonymous");
        assertEquals(3, ic.exit(), ic.err());
        assertEquals(1, ic.err().lines().count(), ic.err());
        assertTrue(ic.err().startsWith("error: --ic-url: IC endpoint http://127.0.0.1:" + port + " cannot be used: "),
                ic.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void refusesLoadOnThePocketIcBackendWithExitTwo() throws Exception {
        Proc r = java(dir, "replay", Cli.scenarios().resolve("steady.toml").toString(), "--backend", "pocketic");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(": [[load]]: backend pocketic replays the bootstrap and [[calls]] only; accepted: "),
                r.err());
    }
}
