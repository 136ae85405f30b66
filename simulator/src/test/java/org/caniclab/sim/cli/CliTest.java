package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.sim.load.TraceFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path dir;
    Path scenario;
    Path out;

    @BeforeEach
    void writeScenario() throws IOException {
        scenario = dir.resolve("case.toml");
        Files.writeString(scenario, """
                expect = ["pools.api.overshoot_peak == 0", "pools.api.workers_final >= 1"]

                [run]
                seed = 3

                [pools.api]
                canister_role = "api_worker"
                policy = {min_workers = 1, max_workers = 2}
                """);
        out = dir.resolve("report");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "replay --help", "validate --help", "verify --help", "-h", "replay -h"})
    void printsHelpAndExitsZero(String args) {
        Cli.Result r = Cli.run(Cli.NEVER, args.split(" "));
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: caniclab"), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "replay --version", "validate -V", "verify --version"})
    void printsTheProjectVersion(String args) {
        Cli.Result r = Cli.run(Cli.NEVER, args.split(" "));
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("(?s)caniclab \\d+\\.\\d+\\.\\d+\\S*\\nJava .*"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "repaly x.toml", "replay", "replay a.toml --frobnicate", "replay a.toml --seed x",
        "replay a.toml --backend foo", "verify a.toml --max-steps 0", "verify a.toml --failures -1"})
    void exitsTwoOnUsageErrors(String args) {
        Cli.Result r = Cli.run(Cli.NEVER, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("--help' for usage"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void listsTheAcceptedBackends() {
        Cli.Result r = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--backend", "foo");
        assertTrue(r.err().contains("'foo' is not a backend; accepted: sim, pocketic, ic"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ic", "IC"})
    void backendIcWithoutAnEndpointExitsTwoNamingBothOptions(String backend) {
        // The IC backend is in this build now; without --ic-url or --mainnet it is a usage error, not a missing substrate.
        Cli.Result r = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--backend", backend, "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("--ic-url") && r.err().contains("--mainnet"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void replayWritesTheReportPrintsTheSummaryAndExitsZero() throws IOException {
        Cli.Fake fake = new Cli.Fake(1);
        Cli.Result r = Cli.run(fake, "replay", scenario.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("scenario           case\n"), r.out());
        assertTrue(r.out().contains("PASS    pools.api.overshoot_peak == 0"), r.out());
        assertTrue(r.out().contains("report: " + out + " (8 files)"), r.out());
        assertEquals("", r.err());
        for (String f : List.of("summary.json", "summary.txt", "timeline.csv", "events.csv", "metrics.csv",
                "latency-api.hgrm", "index.html", "run-info.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.get("expectations").size());
        assertTrue(summary.get("expectations").get(0).get("passed").asBoolean());
        assertEquals(3, fake.seen.get(0).run().seed());
    }

    @Test
    void runInfoWallTimeCoversTheWholeCommandAndNamesItsParts() throws IOException {
        Cli.Result r = Cli.run(new Cli.Fake(1), "replay", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        JsonNode info = new ObjectMapper().readTree(out.resolve("run-info.json").toFile());
        JsonNode parts = info.get("wall_parts");
        List<String> names = new java.util.ArrayList<>();
        parts.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("load", "run", "write"), names);
        double sum = parts.get("load").asDouble() + parts.get("run").asDouble() + parts.get("write").asDouble();
        // Each part is rounded to a millisecond: the total is their sum within the rounding.
        assertEquals(sum, info.get("wall_seconds").asDouble(), 0.002);
    }

    @Test
    void exitsOneWhenAnExpectationFailsAndShowsTheMeasuredValue() throws IOException {
        Cli.Result r = Cli.run(new Cli.Fake(5), "replay", scenario.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*FAIL\\s+pools\\.api\\.overshoot_peak == 0\\s+3\\n.*"), r.out());
        assertTrue(r.out().contains("PASS    pools.api.workers_final >= 1"), r.out());
        JsonNode e = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("expectations").get(0);
        assertEquals("3", e.get("measured").asText());
        assertFalse(e.get("passed").asBoolean());
    }

    @Test
    void quietPrintsOnlyFailedExpectations() {
        Cli.Result ok = Cli.run(new Cli.Fake(1), "replay", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, ok.exit());
        assertEquals("", ok.out());
        assertEquals("", ok.err());
        Cli.Result failed = Cli.run(new Cli.Fake(5), "replay", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(1, failed.exit());
        assertEquals("", failed.out());
        assertEquals(List.of("FAIL pools.api.overshoot_peak == 0 (measured 3)"), failed.errLines());
    }

    @Test
    void passesSeedAndOverridesToTheRun() {
        Cli.Fake fake = new Cli.Fake(1);
        Cli.Result r = Cli.run(fake, "replay", scenario.toString(), "--out", out.toString(), "--seed", "99",
                "--set", "hub.mode=reserved", "--set", "pools.api.policy.max_workers=7", "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals(99, fake.seen.get(0).run().seed());
        assertEquals(ConcurrencyMode.RESERVED, fake.seen.get(0).hub().mode());
        assertEquals(7, fake.seen.get(0).pools().get(0).policy().maxWorkers());
    }

    @Test
    void acceptsSeedsFromZeroToTwoToTheSixtyThreeMinusOneAndSaysSo() {
        for (String seed : List.of("0", "9223372036854775807")) {
            Cli.Fake fake = new Cli.Fake(1);
            Cli.Result r = Cli.run(fake, "replay", scenario.toString(), "--out", out.toString(), "--seed", seed, "-q");
            assertEquals(0, r.exit(), r.err());
            assertEquals(Long.parseLong(seed), fake.seen.get(0).run().seed());
        }
        Path refused = dir.resolve("refused");
        Cli.Result negative = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--out", refused.toString(), "--seed",
                "-1");
        assertEquals(2, negative.exit(), negative.err());
        assertTrue(negative.err().contains("'-1' is not a seed; accepted: an integer from 0 to 9223372036854775807"),
                negative.err());
        assertFalse(Files.exists(refused));
        String help = Cli.run(Cli.NEVER, "replay", "--help").out().replaceAll("\\s+", " "); // unwrapped
        assertTrue(help.contains("0 to 2^63-1"), help);
    }

    @Test
    void exitsFourOnInternalErrorsWithOneLineAndALogFile() throws IOException {
        Cli.Result r = Cli.run((s, p) -> {
            throw new IllegalStateException("boom");
        }, "replay", scenario.toString(), "--out", out.toString());
        assertEquals(4, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        Matcher m = Pattern.compile("internal error: java.lang.IllegalStateException: boom \\(details in (.+)\\)")
                .matcher(r.errLines().get(0));
        assertTrue(m.matches(), r.err());
        Path log = Path.of(m.group(1));
        assertEquals(out.resolve("error.log"), log);
        String details = Files.readString(log);
        assertTrue(details.contains("IllegalStateException: boom") && details.contains("\tat "), details);
        assertTrue(details.contains("arguments: replay " + scenario), details);
    }

    @Test
    void treatsAnUnreplayableTraceAsBadInput() {
        Cli.Result r = Cli.run((s, p) -> {
            throw new TraceFormatException(Path.of("t.csv"), 7, "time_s 'x' is not a number");
        }, "replay", scenario.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("error: t.csv:7: time_s 'x' is not a number"), r.errLines());
    }

    @Test
    void exitsThreeWhenTheSubstrateBecomesUnavailable() {
        Cli.Result r = Cli.run((s, p) -> {
            throw new org.caniclab.sim.substrate.SubstrateUnavailableException("PocketIC server at http://x is unreachable");
        }, "replay", scenario.toString(), "--out", out.toString());
        assertEquals(3, r.exit());
        assertEquals(List.of("error: PocketIC server at http://x is unreachable"), r.errLines());
    }

    @Test
    void validatePrintsAOneLineSummary() {
        Cli.Result r = Cli.run(Cli.NEVER, "validate", scenario.toString(), "--set", "run.duration=90s");
        assertEquals(0, r.exit(), r.err());
        assertEquals("OK " + scenario + ": scenario case, 1 pool (api), 0 loads, 0 calls, 0 fault windows, "
                + "2 expectations; mode seed-0.33.3, seed 3, 90s simulated\n", r.out());
    }

    @Test
    void drawsNoProgressWhenStderrIsNotATerminal() {
        Cli.Result r = Cli.run(new Cli.Fake(1), false, "replay", scenario.toString(), "--out", out.toString());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void verifyPrintsTheShortestViolatingScheduleAndExitsOne() {
        Path race = Cli.scenarios().resolve("bootstrap-race.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", race.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("mode seed-0.33.3, 5 concurrent calls (1 x bootstrap(), 4 x create_worker(\"api\"))"),
                r.out());
        assertTrue(r.out().matches("(?s).*explored \\d+ distinct states, \\d+ transitions \\(\\d+ steps executed, "
                + "replays included\\); they stand for \\d+ schedules\\n.*"), r.out());
        assertTrue(r.out().contains("search: exhaustive"), r.out());
        assertTrue(r.out().contains("violated: bound: registered + reserved <= max_workers"), r.out());
        assertTrue(r.out().contains("schedule (6 steps):"), r.out());
    }

    @Test
    void verifyFindsNoViolationInReservedModeAndExitsZero() {
        Path race = Cli.scenarios().resolve("bootstrap-race.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", race.toString(), "--set", "hub.mode=reserved", "--failures", "1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("failure budget 1"), r.out());
        assertTrue(r.out().contains("no violation: every schedule kept the invariants"), r.out());
    }

    @Test
    void verifyReportsACutSearch() {
        Path race = Cli.scenarios().resolve("bootstrap-race.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", race.toString(), "--set", "hub.mode=reserved", "--max-steps", "3");
        // A cut search proves nothing: its own exit code, never the "no violation" of exit 0.
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("NOT exhaustive: some schedules were cut at 3 steps"), r.out());
        assertFalse(r.out().contains("no violation: every schedule kept the invariants"), r.out());
        assertTrue(r.out().contains("inconclusive"), r.out());
    }

    @Test
    void verifyCutByTheStateBudgetIsInconclusive() {
        Path race = Cli.scenarios().resolve("bootstrap-race.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", race.toString(), "--set", "hub.mode=reserved", "--max-states", "5");
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("the state budget (--max-states 5) ran out"), r.out());
    }

    @Test
    void verifyChecksADozenCallsExhaustivelyAndPrintsBothSchedules() {
        Path dozen = Cli.scenarios().resolve("verify-dozen.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", dozen.toString(), "--failures", "2");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("13 concurrent calls (1 x bootstrap(), 12 x create_worker(\"api\"))"), r.out());
        assertTrue(r.out().contains("search: exhaustive"), r.out());
        assertTrue(r.out().contains("shortest violating schedule:"), r.out());
        assertTrue(r.out().contains("worst schedule (overshoot 10):"), r.out());
        assertTrue(r.out().contains("holds 13 > max_workers 3, overshoot 10"), r.out());
        assertTrue(r.out().contains("schedule (26 steps):"), r.out());
    }

    @Test
    void verifyJsonCarriesTheVerdictAndBothSchedules() {
        Path race = Cli.scenarios().resolve("bootstrap-race.toml");
        Cli.Result r = Cli.run(Cli.NEVER, "verify", race.toString(), "--json", "--failures", "1");
        assertEquals(1, r.exit(), r.err());
        String out = r.out().strip();
        assertTrue(out.startsWith("{") && out.endsWith("}") && !out.contains("\n"), out);
        assertTrue(out.contains("\"verdict\": \"violated\""), out);
        assertTrue(out.contains("\"exhaustive\": true"), out);
        assertTrue(out.contains("\"worst_overshoot\": 3"), out);
        assertTrue(out.contains("\"shortest_violation\": {\"invariant\": \"bound: registered + reserved <= max_workers\""),
                out);
        assertTrue(out.contains("\"worst_schedule\": {"), out);
    }

    @Test
    void verifyWithNothingToExploreSaysSo() {
        Cli.Result r = Cli.run(Cli.NEVER, "verify", scenario.toString(), "--set", "hub.bootstrap=false");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("nothing to explore"), r.out());
    }
}
