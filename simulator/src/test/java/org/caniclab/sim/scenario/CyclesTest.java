package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caniclab.sim.model.Formats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CyclesTest {

    @ParameterizedTest
    @CsvSource({
        "5T, 5000000000000",
        "500B, 500000000000",
        "2.5T, 2500000000000",
        "3M, 3000000",
        "7K, 7000",
        "1000, 1000",
        "1_000_000, 1000000",
        "0, 0",
        "0.5K, 500",
        "1000T, 1000000000000000",
    })
    void parsesCyclesWithSuffixes(String text, long cycles) {
        assertEquals(cycles, Cycles.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1T", "2.5", "5X", "T", "1.0000000000001T", "10000000T", "5 T cycles", ""})
    void rejectsMalformedAmountsNamingTheAcceptedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cycles.parse(text));
        assertTrue(e.getMessage().contains("accepted") || e.getMessage().contains("at most"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "5000000000000, 5T",
        "2500000000000, 2.5T",
        "500000000000, 500B",
        "7, 7",
        "1234, 1.234K",
        "1234567, 1234.567K",
    })
    void formatsWithTheLargestSuffixThatStaysShortAndExact(long cycles, String text) {
        assertEquals(text, Formats.cycles(cycles));
        assertEquals(cycles, Cycles.parse(Formats.cycles(cycles)));
    }
}
