package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.reports.Expectation;
import org.caniclab.sim.scenario.ScenarioException;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expectations are parsed by the CLI right after loading, located by the line the loader recorded. */
class ExpectationCheckTest {
    @TempDir
    Path dir;

    private static final String MINIMAL = """
            [pools.api]
            canister_role = "api_worker"
            """;

    private ScenarioException fails(String text, String... sets) throws IOException {
        Path p = dir.resolve("bad.toml");
        Files.writeString(p, text);
        return assertThrows(ScenarioException.class,
                () -> ExpectationCheck.parse(ScenarioLoader.load(p, List.of(sets))));
    }

    @Test
    void rejectsExpectationsThatCannotBeChecked() throws IOException {
        ScenarioException e = fails("expect = [\"pools.apx.overshoot_peak == 0\"]\n" + MINIMAL);
        assertEquals("expect[0]", e.keyPath());
        assertTrue(e.problem().contains("names no pool") && e.problem().contains("did you mean 'api'"), e.getMessage());
        e = fails("expect = [\"events > 0\", \"pools.api.workers_peak ~ 3\"]\n" + MINIMAL);
        assertEquals("expect[1]", e.keyPath());
        assertEquals(1, e.line());
    }

    @Test
    void refusesAMetricRowIndexNoRunCanHaveAtLoad() throws IOException {
        ScenarioException e = fails("expect = [\"metrics.99.count == 1\"]\n" + MINIMAL);
        assertEquals("expect[0]", e.keyPath());
        assertTrue(e.problem().contains("index 0 to 64"), e.getMessage());
        Path ok = dir.resolve("ok.toml");
        Files.writeString(ok, "expect = [\"metrics.0.count >= 1\", \"metrics.64.count >= 0\"]\n" + MINIMAL);
        assertEquals(2, ExpectationCheck.parse(ScenarioLoader.load(ok, List.of())).size());
    }

    @Test
    void rejectsPathsOutsideTheSummarySchemaLeavesIncluded() throws IOException {
        ScenarioException e = fails("expect = [\n  \"events > 0\",\n  \"pools.api.requests.latency_ms.p999 < 5\",\n]\n"
                + MINIMAL);
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.problem().contains("unknown figure 'p999'") && e.problem().contains("p99"), e.getMessage());
        assertTrue(fails("expect = [\"metrics.9999.count == 1\"]\n" + MINIMAL).problem().contains("metrics.<index>"));
        assertTrue(fails("expect = [\"pools.api.workers_pea == 1\"]\n" + MINIMAL).problem()
                .contains("unknown pool figure 'workers_pea'"));
        assertTrue(fails("expect = [\"pools.api == 1\"]\n" + MINIMAL).problem().contains("names no pool's figure"));
        assertTrue(fails("expect = [\"eventz > 1\"]\n" + MINIMAL).problem().contains("not a figure of summary.json"));
        // Every figure the writer produces passes.
        Path p = dir.resolve("ok.toml");
        Files.writeString(p, "expect = [\"pools.api.requests.wait_ms.p90 < 5\", \"pools.api.requests.p_wait < 1\", "
                + "\"metrics.0.count > 0\", \"simulated_seconds > 0\", \"pools.api.requests.latency_ms.max < 9\"]\n"
                + MINIMAL);
        assertEquals(5, ExpectationCheck.parse(ScenarioLoader.load(p, List.of())).size());
    }

    @Test
    void locatesAnExpectationOnItsOwnLineAndOneFromSet() throws IOException {
        ScenarioException e = fails("expect = [\n  \"events > 0\",\n  \"events >> 0\",\n]\n" + MINIMAL);
        assertEquals(3, e.line(), e.getMessage());
        assertEquals("expect[1]", e.keyPath());
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.toml") + ":3: expect[1]: "), e.getMessage());

        e = fails(MINIMAL, "expect=[\"events >< 1\"]");
        assertEquals(0, e.line());
        assertEquals("expect[0] (from --set expect=[\"events >< 1\"])", e.keyPath());
    }

    @Test
    void returnsTheParsedExpectationsInFileOrder() throws IOException {
        Path p = dir.resolve("ok.toml");
        Files.writeString(p, "expect = [\"pools.api.overshoot_peak == 0\", \"events > 2\"]\n" + MINIMAL);
        assertEquals(List.of(Expectation.parse("pools.api.overshoot_peak == 0"), Expectation.parse("events > 2")),
                ExpectationCheck.parse(ScenarioLoader.load(p)));
    }
}
