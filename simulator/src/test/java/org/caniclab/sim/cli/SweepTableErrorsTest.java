package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's own {@code [sweep]}: every bad entry is refused by {@code validate}, {@code replay} and {@code sweep}
 * alike, exit 2 with one line naming the scenario file, the line the entry is written on and its key path
 * ({@code sweep.vary[0].values[1]}) — never as if it came from a {@code --set}.
 */
class SweepTableErrorsTest {
    private static final String BASE = """
            [run]
            duration = "2s"

            [pools.api]
            canister_role = "api_worker"
            policy = { initial_workers = 1, min_workers = 1, max_workers = 8 }
            autoscaler = { target_utilization = 0.7 }

            [[load]]
            kind = "poisson"
            pool = "api"
            rate = 5

            """;

    @TempDir
    Path dir;

    /** Writes BASE + {@code sweep}; returns the one line every command refuses it with. */
    private String refused(String sweep) throws IOException {
        Path s = Files.writeString(dir.resolve("study.toml"), BASE + sweep);
        Path out = dir.resolve("out");
        String line = null;
        for (List<String> args : List.of(List.of("validate", s.toString()),
                List.of("replay", s.toString(), "--out", out.toString()),
                List.of("sweep", s.toString(), "--out", out.toString(), "--parallel", "1"))) {
            Cli.Result r = Cli.run(Cli.NEVER, args.toArray(new String[0]));
            assertEquals(2, r.exit(), args + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertFalse(r.err().contains("(from --set") || r.err().contains(": --set "),
                    "named as the file's, not a --set: " + r.err());
            assertFalse(Files.exists(out), "nothing written");
            if (line == null) {
                line = r.errLines().get(0);
            } else {
                assertEquals(line, r.errLines().get(0), args + " refuses as validate does");
            }
        }
        return line;
    }

    /** The 1-based line of BASE + sweep that holds {@code text}. */
    private static int lineOf(String sweep, String text) {
        List<String> lines = (BASE + sweep).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    private String at(String sweep, String text) {
        return dir.resolve("study.toml") + ":" + lineOf(sweep, text) + ": ";
    }

    @Test
    void aValueOutOfItsKeysRange() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "pools.api.autoscaler.target_utilization"
                values = [
                  0.5,
                  1.5,
                ]
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "1.5") + "sweep.vary[0].values[1]: "
                + "pools.api.autoscaler.target_utilization=1.5: "), line);
        assertTrue(line.contains("accepted: "), line);
    }

    @Test
    void aValueOfTheWrongType() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "hub.mode"
                values = ["reserved", "bogus-mode"]
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "bogus-mode") + "sweep.vary[0].values[1]: hub.mode=bogus-mode: "
                + "unknown mode \"bogus-mode\""), line);
    }

    @Test
    void anUnknownKeyPath() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "pools.api.autoscaler.targetutilization"
                values = [0.5]
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "values") + "sweep.vary[0].values[0]: "
                + "pools.api.autoscaler.targetutilization=0.5: unknown key 'targetutilization'"), line);
        assertTrue(line.contains("did you mean 'target_utilization'"), line);
    }

    @Test
    void aPoolTheScenarioDoesNotHave() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "pools.web.router"
                values = ["random"]
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "values") + "sweep.vary[0].values[0]: pools.web.router=random: "
                + "there is no pool 'web' to override; pools: api"), line);
    }

    @Test
    void aMalformedKeyPath() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "pools..router"
                values = ["random"]
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "key =") + "sweep.vary[0].key: 'pools..router' is not a key "
                + "path"), line);
    }

    @Test
    void anEmptyList() throws IOException {
        String sweep = """
                [[sweep.vary]]
                key = "hub.mode"
                values = []
                """;
        String line = refused(sweep);
        assertTrue(line.startsWith("error: " + at(sweep, "values") + "sweep.vary[0].values: no values"), line);
    }

    @Test
    void replicationsNotAnInteger() throws IOException {
        for (String value : List.of("2.5", "\"10\"", "true")) {
            String sweep = "[sweep]\nreplications = " + value + "\n";
            String line = refused(sweep);
            assertTrue(line.startsWith("error: " + at(sweep, "replications") + "sweep.replications: wrong type: "
                    + "expected an integer from 1 to 1000000"), line);
        }
    }

    @Test
    void replicationsNotAboveZero() throws IOException {
        for (String value : List.of("0", "-3", "1000001")) {
            String sweep = "[sweep]\nreplications = " + value + "\n";
            String line = refused(sweep);
            assertTrue(line.startsWith("error: " + at(sweep, "replications") + "sweep.replications: replications "
                    + value), line);
            assertTrue(line.endsWith("accepted: an integer from 1 to 1000000"), line);
        }
    }

    @Test
    void aCombinationOnlySweepRefusesNamesTheValuesLine() throws IOException {
        // Each value alone is valid (validate says so); together min_workers 5 and max_workers 4 are not.
        String sweep = """
                [[sweep.vary]]
                key = "pools.api.policy.max_workers"
                values = [4]

                [[sweep.vary]]
                key = "pools.api.policy.min_workers"
                values = [1, 5]
                """;
        Path s = Files.writeString(dir.resolve("study.toml"), BASE + sweep);
        Cli.Result v = Cli.run(Cli.NEVER, "validate", s.toString());
        assertEquals(0, v.exit(), v.err());
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run(Cli.NEVER, "sweep", s.toString(), "--out", out.toString(), "--parallel", "1");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: " + s + ":"), line);
        assertTrue(line.matches("error: .*study\\.toml:\\d+: sweep\\.vary\\[[01]]\\.values\\[0]: pools\\.api\\.policy\\."
                + "m(ax|in)_workers=[45]: .*"), line);
        assertFalse(line.contains("(from --set") || line.contains(": --set "), line);
        assertFalse(Files.exists(out));
    }

    @Test
    void aValidStudyStillRuns() throws IOException {
        String sweep = """
                [sweep]
                replications = 2

                [[sweep.vary]]
                key = "hub.mode"
                values = ["seed-0.33.3", "reserved"]
                """;
        Path s = Files.writeString(dir.resolve("study.toml"), BASE + sweep);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.real("sweep", s.toString(), "--out", out.toString(), "--parallel", "1", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals(5, Files.readAllLines(out.resolve("runs.csv")).size(), "a header and 2 variants x 2 replications");
    }
}
