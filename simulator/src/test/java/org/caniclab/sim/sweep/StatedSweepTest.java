package org.caniclab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.SweepSpec;
import org.caniclab.sim.scenario.ScenarioException;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's own {@code [sweep]}: read in file order, used by {@code sweep} when no flag says otherwise, each flag
 * overriding its part, ignored by {@code replay}; and every report saying how it was made (run-info.json).
 */
class StatedSweepTest {
    static final String SWEEP = """

            [sweep]
            replications = 2

            [[sweep.vary]]
            key = "pools.api.policy.max_workers"
            values = [4, 8, 6]

            [[sweep.vary]]
            key = "hub.mode"
            values = ["seed-0.33.3", "reserved"]
            """;

    @TempDir
    Path dir;

    Path withSweep(String sweep) throws IOException {
        Path file = dir.resolve("study.toml");
        Files.writeString(file, Files.readString(SweepTest.steady()).replace("duration = \"60s\"", "duration = \"30s\"")
                + sweep);
        return file;
    }

    @Test
    void theLoaderKeepsTheKeysAndValuesInFileOrder() throws IOException {
        Scenario s = ScenarioLoader.load(withSweep(SWEEP));
        SweepSpec spec = s.sweep().orElseThrow();
        assertEquals(2, spec.replications());
        assertEquals(List.of(new SweepSpec.Vary("pools.api.policy.max_workers", List.of("4", "8", "6")),
                new SweepSpec.Vary("hub.mode", List.of("seed-0.33.3", "reserved"))), spec.vary());
        assertTrue(ScenarioLoader.load(SweepTest.steady()).sweep().isEmpty());
    }

    @Test
    void aNumberAndABooleanComeBackAsSetTextAndAStringThatLooksLikeANumberIsQuoted() throws IOException {
        Scenario s = ScenarioLoader.load(withSweep("""

                [sweep]
                [[sweep.vary]]
                key = "pools.api.autoscaler.target_utilization"
                values = [0.5, 0.75]
                [[sweep.vary]]
                key = "hub.bootstrap"
                values = [true, false]
                [[sweep.vary]]
                key = "run.name"
                values = ["7", "plain"]
                """));
        List<SweepSpec.Vary> vary = s.sweep().orElseThrow().vary();
        assertEquals(List.of("0.5", "0.75"), vary.get(0).values());
        assertEquals(List.of("true", "false"), vary.get(1).values());
        assertEquals(List.of("\"7\"", "plain"), vary.get(2).values());
        assertEquals(10, s.sweep().orElseThrow().replications(), "the default");
    }

    @Test
    void badSweepTablesAreOneLineNamingFileLineAndKey() throws IOException {
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(withSweep("""

                [sweep]
                [[sweep.vary]]
                key = "hub.mode"
                value = ["reserved"]
                """)));
        assertTrue(unknown.getMessage().matches("\\S*study\\.toml:\\d+: sweep\\.vary\\[0\\]\\.value: unknown key 'value'.*"
                + "; accepted: key, values"), unknown.getMessage());
        ScenarioException table = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(withSweep("""

                [sweep]
                [[sweep.vary]]
                key = "hub.mode"
                values = [{a = 1}]
                """)));
        assertTrue(table.getMessage().contains("sweep.vary[0].values[0]: expected a string, number or boolean"),
                table.getMessage());
        ScenarioException reps = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(withSweep("""

                [sweep]
                replications = 0
                """)));
        assertTrue(reps.getMessage().contains(": sweep.replications: ") && reps.getMessage().contains("accepted:"),
                reps.getMessage());
        ScenarioException twice = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(withSweep("""

                [sweep]
                [[sweep.vary]]
                key = "hub.mode"
                values = ["reserved"]
                [[sweep.vary]]
                key = "hub.mode"
                values = ["seed-0.33.3"]
                """)));
        assertTrue(twice.getMessage().contains("sweep.vary[1].key: 'hub.mode' is varied twice"), twice.getMessage());
    }

    @Test
    void sweepRunsTheStatedStudyAndEachFlagOverridesItsPart() throws IOException {
        Path file = withSweep(SWEEP);
        Path stated = dir.resolve("stated");
        SweepTest.Run r = SweepTest.cli("sweep", file.toString(), "--parallel", "2", "--out", stated.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = Files.readAllLines(stated.resolve("runs.csv"));
        assertTrue(rows.get(0).startsWith("pools.api.policy.max_workers,hub.mode,replication,seed,"), rows.get(0));
        assertEquals(1 + 3 * 2 * 2, rows.size());
        assertTrue(rows.get(1).startsWith("4,seed-0.33.3,0,"), rows.get(1));
        assertTrue(rows.get(3).startsWith("4,reserved,0,"), rows.get(3));
        assertTrue(rows.get(12).startsWith("6,reserved,1,"), rows.get(12));

        Path fewer = dir.resolve("fewer");
        r = SweepTest.cli("sweep", file.toString(), "--replications", "1", "--quiet", "--out", fewer.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1 + 6, Files.readAllLines(fewer.resolve("runs.csv")).size(), "--replications overrides");

        Path other = dir.resolve("other");
        r = SweepTest.cli("sweep", file.toString(), "--vary", "hub.mode=reserved", "--quiet", "--out",
                other.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> otherRows = Files.readAllLines(other.resolve("runs.csv"));
        assertTrue(otherRows.get(0).startsWith("hub.mode,replication,seed,"), "--vary replaces the stated keys");
        assertEquals(1 + 2, otherRows.size(), "and the stated replications still apply");
    }

    @Test
    void aBadStatedValueFailsBeforeAnythingRunsWithExit2() throws IOException {
        Path file = withSweep("""

                [sweep]
                [[sweep.vary]]
                key = "hub.mode"
                values = ["reserved", "optimistic"]
                """);
        SweepTest.Run r = SweepTest.cli("sweep", file.toString(), "--quiet", "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("hub.mode") && r.err().contains("optimistic"), r.err());
        assertTrue(Files.notExists(dir.resolve("o").resolve("runs.csv")));
    }

    @Test
    void replayIgnoresTheSweepAndRecordsHowTheReportWasMade() throws IOException {
        Path file = withSweep(SWEEP);
        Path plain = dir.resolve("plain.toml");
        Files.writeString(plain, Files.readString(file).replace(SWEEP, ""));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        SweepTest.Run r = SweepTest.cli("replay", file.toString(), "--set", "hub.mode=reserved", "--seed", "7",
                "--quiet", "--out", a.toString());
        assertEquals(0, r.exit(), r.err());
        r = SweepTest.cli("replay", plain.toString(), "--set", "hub.mode=reserved", "--seed", "7", "--quiet",
                "--out", b.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(b.resolve("summary.json")).replace("\"plain\"", "\"study\""),
                Files.readString(a.resolve("summary.json")));

        JsonNode made = new ObjectMapper().readTree(a.resolve("run-info.json").toFile()).path("provenance");
        assertEquals(file.toString(), made.path("scenario_file").asText());
        assertEquals(List.of("hub.mode=reserved"), List.of(made.path("overrides").get(0).asText()));
        assertEquals(1, made.path("overrides").size());
        assertEquals(7, made.path("seed").asLong());
        assertEquals("sim", made.path("backend").asText());
        assertTrue(made.path("tool_version").asText().matches("\\d+\\.\\d+.*"), made.toString());
    }

    @Test
    void aKeptRunsRunInfoNamesItsVariantsOverridesAndSeed() throws IOException {
        Path file = withSweep(SWEEP);
        Path out = dir.resolve("kept");
        SweepTest.Run r = SweepTest.cli("sweep", file.toString(), "--set", "run.duration=30s", "-r", "2", "--vary",
                "hub.mode=reserved", "--keep-runs", "--quiet", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode info = new ObjectMapper().readTree(out.resolve("runs/v0-r1/run-info.json").toFile());
        JsonNode made = info.path("provenance");
        // A kept run says how long it took: its re-run and the write of its report make up its wall time.
        JsonNode parts = info.path("wall_parts");
        assertEquals(List.of("run", "write"), iterable(parts.fieldNames()));
        // A short run can round to 0 ms; the write of its files cannot.
        assertTrue(parts.path("run").asDouble() >= 0 && info.path("wall_seconds").asDouble() > 0, info.toString());
        assertEquals(parts.path("run").asDouble() + parts.path("write").asDouble(), info.path("wall_seconds").asDouble(),
                0.0015, "the parts add up to the wall time, each rounded to a millisecond");
        assertEquals("run.duration=30s", made.path("overrides").get(0).asText());
        assertEquals("hub.mode=reserved", made.path("overrides").get(1).asText());
        assertEquals(SweepPlan.seedOf(1, 1), made.path("seed").asLong());
        JsonNode plan = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(SweepPlan.seedOf(1, 1), plan.path("seeds").get(1).asLong());
        assertEquals("sim", plan.path("backend").asText());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
