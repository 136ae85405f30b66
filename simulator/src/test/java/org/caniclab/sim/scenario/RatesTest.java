package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.sim.model.LoadSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rates with units: exact conversion to requests per second, and errors that echo the value as written. */
class RatesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "50/s, 50",
        "1.2/min, 0.02",
        "300/h, 0.08333333333333333",
        "2/ms, 2000",
        "0/s, 0",
        "1e3/s, 1000",
        "3600/h, 1",
    })
    void convertsToRequestsPerSecond(String text, double perSecond) {
        assertEquals(perSecond, Rates.parse(text), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50", "1.2/fortnight", "/s", "-3/s", "5 per s", "", "1/m"})
    void refusesAnythingElseEchoingTheTextAsWritten(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rates.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("accepted: requests per second"), e.getMessage());
    }

    @Test
    void aScenarioMayGiveItsRatesWithUnitsInTheFileAndThroughSet() throws IOException {
        Path file = Files.writeString(dir.resolve("rates.toml"), """
                [pools.api]
                canister_role = "api_worker"

                [[load]]
                kind = "poisson"
                pool = "api"
                schedule = [{from = "0", to = "1m", rate = "300/h"}, {from = "1m", to = "2m", start_rate = "1.2/min", end_rate = 5}]
                """);
        List<LoadSource.RateSegment> s = ((LoadSource.Poisson) ScenarioLoader.load(file, List.of()).loads().get(0))
                .schedule();
        assertEquals(1.0 / 12, s.get(0).startRate(), 1e-15);
        assertEquals(0.02, s.get(1).startRate(), 1e-15);
        assertEquals(5, s.get(1).endRate(), 0.0);
        ScenarioException bad = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(file, List.of("load.0.schedule.0.rate=\"7/fortnight\"")));
        assertTrue(bad.getMessage().contains("\"7/fortnight\" is not a rate"), bad.getMessage());
    }
}
