package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caniclab.sim.model.Formats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "250ms, 250000000",
        "30s, 30000000000",
        "2.5s, 2500000000",
        "5m, 300000000000",
        "1h, 3600000000000",
        "0.1s, 100000000",
        "1500us, 1500000",
        "10ns, 10",
        "0s, 0",
        "1.25h, 4500000000000",
        "2h30m, 9000000000000",
        "1m30.5s, 90500000000",
        "1h 2m 3s, 3723000000000",
        "1s500ms, 1500000000",
    })
    void parsesDurationsExactly(String text, long nanos) {
        assertEquals(nanos, Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "2.5", "5x", "s", "-1s", "1 day", "0.5ns", "1e3s", "", "99999999999h", "30m2h",
        "1s1s", "2h30", "2h-30m", "1h 2x"})
    void rejectsMalformedDurationsNamingTheAcceptedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("accepted") || e.getMessage().contains("at most"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30m2h", "1s1s", "500ms1s"})
    void aCompoundDurationNamesEachUnitOnceFromTheLargestDown(String text) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage()
                .contains("\"" + text + "\" names its units out of order or twice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "2.5"})
    void saysANumberWithoutUnitHasNoUnit(String text) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage()
                .contains("has no unit"));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1500000000, 1.5s",
        "300000000000, 5m",
        "3600000000000, 1h",
        "90000000000, 90s",
        "250000000, 250ms",
        "1500, 1500ns",
        "2000, 2us",
        "1000000001, 1000000001ns",
    })
    void formatsShortAndExact(long nanos, String text) {
        assertEquals(text, Formats.duration(nanos));
        assertEquals(nanos, Durations.parse(Formats.duration(nanos)));
    }
}
