package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.caniclab.sim.model.Distribution;

class DistributionsTest {

    private static Distribution read(String value) {
        String text = "d = " + value + "\n";
        Source source = new Source("t.toml", TomlDocument.parse(text, "t.toml"));
        TomlTable t = new TomlTable(source, KeyPath.ROOT, source.root());
        return t.distribution("d", null);
    }

    @Test
    void readsADurationStringAsFixed() {
        assertEquals(new Distribution.Fixed(20_000_000L), read("\"20ms\""));
        assertEquals(new Distribution.Fixed(0), read("0"));
    }

    @Test
    void readsEachNamedDistribution() {
        assertEquals(new Distribution.Exponential(100_000_000L), read("{dist = \"exponential\", mean = \"100ms\"}"));
        assertEquals(new Distribution.Uniform(50_000_000L, 150_000_000L),
                read("{dist = \"uniform\", min = \"50ms\", max = \"150ms\"}"));
        assertEquals(new Distribution.LogNormal(80_000_000L, 0.5),
                read("{dist = \"lognormal\", median = \"80ms\", sigma = 0.5}"));
        assertEquals(new Distribution.LogNormal(1_000_000_000L, 1.0),
                read("{dist = \"lognormal\", median = \"1s\", sigma = 1}"));
        assertEquals(new Distribution.Fixed(2_500_000_000L), read("{dist = \"fixed\", value = \"2.5s\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{dist = \"gamma\", mean = \"1s\"}                       | unknown distribution \"gamma\"",
        "{dist = \"uniform\", min = \"2s\", max = \"1s\"}        | max 1s is below min 2s",
        "{dist = \"exponential\"}                                | missing required key 'mean'",
        "{dist = \"exponential\", mean = \"1s\", sigma = 2}       | unknown key 'sigma'",
        "{dist = \"exponential\", mean = \"0\"}                  | mean must be > 0",
        "{dist = \"lognormal\", median = \"1s\", sigma = -1}      | is negative",
        "{mean = \"1s\"}                                         | missing required key 'dist'",
        "5                                                       | wrong type",
        "\"5\"                                                   | has no unit",
        "[1, 2]                                                  | wrong type",
    })
    void rejectsBadDistributionsSayingWhy(String value, String fragment) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> read(value.strip()));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.toml:1: d"), e.getMessage());
    }

    @Test
    void meansMatchTheParameters() {
        assertEquals(100_000_000.0, read("{dist = \"uniform\", min = \"50ms\", max = \"150ms\"}").meanNanos());
        assertEquals(20_000_000.0, read("\"20ms\"").meanNanos());
    }
}
