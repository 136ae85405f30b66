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
