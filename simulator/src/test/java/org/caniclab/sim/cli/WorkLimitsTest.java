package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.WorkEstimate;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs whose work has no practical bound are refused at validation, with one line saying how to raise the limit. */
class WorkLimitsTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path dir;

    static Stream<Arguments> unbounded() {
        return Stream.of(
                Arguments.of("steady.toml", "load.0.rate=1e20", "load[0].rate: the run would take about", "--max-events N"),
                Arguments.of("flash-crowd.toml", "load.1.requests=2147483647", "load[1].requests: the run would take",
                        "--max-events N"),
                Arguments.of("steady.toml", "run.sample_interval=1ns", "run.sample_interval: timeline.csv would have "
                        + "about 65000000000 rows", "--max-timeline-rows N"),
                Arguments.of("steady.toml", "run.duration=100000h", "load[0].rate: the run would take about", "--max-events N"));
    }

    @ParameterizedTest(name = "{0} --set {1}")
    @MethodSource("unbounded")
    void replayRefusesBeforeRunningAndWritesNothing(String file, String set, String fragment, String flag) {
        Path out = dir.resolve("out");
        for (String command : new String[] {"replay", "validate", "sweep"}) {
            Cli.Result r = command.equals("validate") ? Cli.real(command, SCENARIOS.resolve(file).toString(), "--set", set)
                    : Cli.real(command, SCENARIOS.resolve(file).toString(), "--set", set, "--out", out.toString(), "-q");
            assertEquals(2, r.exit(), command + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(fragment), r.err());
            assertTrue(r.err().contains("raise the limit with " + flag), r.err());
            assertFalse(Files.exists(out), command + " wrote " + out);
        }
    }

    @Test
    void theFlagRaisesTheLimit() {
        String steady = SCENARIOS.resolve("steady.toml").toString();
        assertEquals(2, Cli.real("validate", steady, "--max-events", "1000").exit());
        assertEquals(0, Cli.real("validate", steady, "--max-events", "100000").exit());
        assertEquals(2, Cli.real("validate", steady, "--max-timeline-rows", "64").exit());
        assertEquals(0, Cli.real("validate", steady, "--max-timeline-rows", "65").exit());
    }

    @Test
    void aNanosecondTopUpTimerIsBoundedByRoundsAndAccepted() {
        Cli.Result r = Cli.real("validate", SCENARIOS.resolve("creation-failures.toml").toString(), "--set",
                "hub.topup_interval=1ns");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void everyShippedScenarioFitsTheDefaultsAndItsEstimateBoundsItsEvents() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".toml") && !p.getFileName().toString()
                    .startsWith("canic")).sorted().toList()) {
                assertEquals(0, Cli.real("validate", f.toString()).exit(), f.toString());
                Cli.Result r = Cli.real("replay", f.toString(), "--out", dir.resolve(f.getFileName().toString())
                        .toString(), "-q");
                long events = Long.parseLong(Files.readString(dir.resolve(f.getFileName().toString()).resolve(
                        "summary.json")).replaceAll("(?s).*\"events\": (\\d+).*", "$1"));
                var scenario = ScenarioLoader.load(f);
                WorkEstimate w = WorkEstimate.of(scenario);
                if (scenario.loads().stream().anyMatch(l -> l instanceof LoadSource.Trace)) {
                    continue; // a trace's rows are bounded by its file, not estimated
                }
                // An estimate is useful when it bounds the run's events and is not wildly above them.
                assertTrue(w.events() >= events, f + ": estimate " + w.events() + " below " + events + " events");
                assertTrue(w.events() <= 4.0 * events + 1000, f + ": estimate " + w.events() + " for " + events);
                assertTrue(r.exit() <= 1, r.err());
            }
        }
    }
}
