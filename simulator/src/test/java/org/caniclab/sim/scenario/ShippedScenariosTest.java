package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.caniclab.sim.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ServiceModel;

/** The shipped scenario files, run through the CLI on the real simulator. */
@Tag("scenario")
class ShippedScenariosTest {
    @TempDir
    Path dir;

    static Path scenarios() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scenarios/steady.toml"))) {
                return p.resolve("scenarios");
            }
        }
        throw new IllegalStateException("no scenarios/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Every scenario file (canic.toml is a Canic config that one of them reads, not a scenario). */
    static Stream<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(scenarios())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".toml") && !n.equals("canic.toml"))
                    .sorted().toList();
            return names.stream();
        }
    }

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void shipsTheDocumentedScenarios() throws IOException {
        assertEquals(List.of("bootstrap-race.toml", "canic-config.toml", "creation-failures.toml", "diurnal.toml",
                "flash-crowd.toml", "steady.toml", "trace-replay.toml", "verify-dozen.toml"), shipped().toList());
        assertTrue(Files.isRegularFile(scenarios().resolve("traces/api-burst.csv")));
        String readme = Files.readString(scenarios().resolve("README.md"));
        for (String name : shipped().toList()) {
            assertTrue(readme.contains("(" + name + ")"), "scenarios/README.md lists " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void validates(String name) {
        Run r = cli("validate", scenarios().resolve(name).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("OK "), r.out());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void opensWithAQuestionAndWhatToLookAt(String name) throws IOException {
        String text = Files.readString(scenarios().resolve(name));
        assertTrue(text.startsWith("# " + name.replace(".toml", "") + " — "), name);
        assertTrue(text.contains("# Question:"), name);
        assertTrue(text.contains("# What to look at:"), name);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void meetsItsExpectationsAndReplaysByteForByte(String name) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Run first = cli("replay", scenarios().resolve(name).toString(), "--out", a.toString(), "--quiet");
        assertEquals(0, first.exit(), name + ": " + first.err());
        Run second = cli("replay", scenarios().resolve(name).toString(), "--out", b.toString(), "--quiet");
        assertEquals(0, second.exit(), name + ": " + second.err());

        List<String> filesA = files(a);
        assertEquals(filesA, files(b));
        assertTrue(filesA.containsAll(List.of("summary.json", "summary.txt", "timeline.csv", "events.csv",
                "metrics.csv", "run-info.json")), filesA.toString());
        for (String f : filesA) {
            if (!f.equals("run-info.json")) {
                assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)),
                        name + ": " + f + " differs between two replays with the same seed");
            }
        }

        Path c = dir.resolve("c");
        Run other = cli("replay", scenarios().resolve(name).toString(), "--out", c.toString(), "--quiet", "--seed", "12345");
        assertTrue(other.exit() == 0 || other.exit() == 1, other.err());
        String summaryA = Files.readString(a.resolve("summary.json"));
        String summaryC = Files.readString(c.resolve("summary.json"));
        assertNotEquals(summaryA, summaryC, name + ": another seed gives another summary.json");
        boolean random = !ScenarioLoader.load(scenarios().resolve(name)).loads().stream()
                .allMatch(l -> l instanceof LoadSource.Trace);
        if (random) {
            // more than the seed field changes: the sample path itself
            assertNotEquals(withoutSeed(summaryA), withoutSeed(summaryC), name);
        }
    }

    @Test
    void bootstrapRaceOvershootsInSeedModeButNotWhenReserved() throws IOException {
        Path race = scenarios().resolve("bootstrap-race.toml");
        Path seed = dir.resolve("seed");
        Path reserved = dir.resolve("reserved");
        assertEquals(0, cli("replay", race.toString(), "--out", seed.toString(), "-q").exit());
        Run r = cli("replay", race.toString(), "--out", reserved.toString(), "-q", "--set", "hub.mode=reserved");
        assertEquals(1, r.exit(), "the seed-mode expectations fail once the race is closed");

        ObjectMapper json = new ObjectMapper();
        JsonNode s = json.readTree(seed.resolve("summary.json").toFile());
        JsonNode f = json.readTree(reserved.resolve("summary.json").toFile());
        assertEquals("seed-0.33.3", s.get("mode").asText());
        assertEquals("reserved", f.get("mode").asText());
        assertTrue(s.at("/pools/api/overshoot_peak").asInt() > 0, s.toString());
        assertEquals(0, f.at("/pools/api/overshoot_peak").asInt(), f.toString());
        assertTrue(f.at("/pools/api/workers_peak").asInt() <= f.at("/pools/api/max_workers").asInt());

        Run fixed = cli("replay", race.toString(), "--out", dir.resolve("fixed").toString(), "-q",
                "--set", "hub.mode=reserved", "--set", "expect=[\"pools.api.overshoot_peak == 0\"]");
        assertEquals(0, fixed.exit(), fixed.err());
    }

    @Test
    void traceReplayCountsEveryRowOfItsTrace() throws IOException {
        List<String> rows = Files.readAllLines(scenarios().resolve("traces/api-burst.csv"));
        long batch = rows.stream().skip(1).filter(r -> r.endsWith(",batch")).count();
        long api = rows.size() - 1 - batch;
        Path out = dir.resolve("t");
        assertEquals(0, cli("replay", scenarios().resolve("trace-replay.toml").toString(), "--out", out.toString(),
                "-q").exit());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(api, s.at("/pools/api/requests/arrived").asLong());
        assertEquals(batch, s.at("/pools/batch/requests/arrived").asLong());
    }

    @Test
    void canicConfigScenarioReadsItsPoolsFromCanicToml() {
        Scenario s = ScenarioLoader.load(scenarios().resolve("canic-config.toml"));
        assertEquals(List.of("thumbnails", "transcode"), s.pools().stream().map(PoolSpec::name).toList());
        assertEquals(2_000_000_000_000L, s.pools().get(0).initialCycles());
        assertEquals(32, s.pools().get(1).policy().maxWorkers());
        assertFalse(s.pools().get(1).service() instanceof ServiceModel.PerRound);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString()).toList());
            names.sort(null);
            return names;
        }
    }

    private static String withoutSeed(String summary) {
        return summary.replaceFirst("\"seed\": -?\\d+,", "");
    }
}
