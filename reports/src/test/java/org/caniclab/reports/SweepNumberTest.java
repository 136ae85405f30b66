package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SweepReportWriter#number}'s quick path against its definition, text for text. */
class SweepNumberTest {

    @Test
    void agreesOnRoundedFiguresAndOnFullDoubles() {
        long seed = 11L;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            double full = WideDoubles.next(rng);
            // what runs.csv mostly holds: a run's figure rounded to 0 to 9 decimals, read back as a double
            double rounded = Json.decimal(full, rng.nextInt(10)).doubleValue();
            for (double x : new double[] {full, rounded, Math.nextUp(rounded), Math.nextDown(rounded)}) {
                assertEquals(SweepReportWriter.exactNumber(x), SweepReportWriter.number(x),
                        "seed " + seed + ", case " + i + ": " + x);
            }
        }
    }

    @Test
    void agreesAroundEveryPowerOfTen() {
        // Where the digit count changes (999.9999999999999 against 1000) and Double.toString moves to its E form.
        for (int k = -300; k <= 300; k++) {
            double power = Double.parseDouble("1E" + k);
            double x = power;
            for (int step = 0; step < 5; step++) {
                x = Math.nextDown(x);
            }
            for (int step = 0; step < 11; step++, x = Math.nextUp(x)) {
                assertEquals(SweepReportWriter.exactNumber(x), SweepReportWriter.number(x), "10^" + k + ": " + x);
                assertEquals(SweepReportWriter.exactNumber(-x), SweepReportWriter.number(-x), "-10^" + k + ": " + -x);
            }
        }
    }

    @Test
    void writesPlainDecimals() {
        assertEquals("0", SweepReportWriter.number(0.0));
        assertEquals("0", SweepReportWriter.number(-0.0));
        assertEquals("2", SweepReportWriter.number(2.0));
        assertEquals("0.002", SweepReportWriter.number(0.002));
        assertEquals("-448.43639", SweepReportWriter.number(-448.43639));
        assertEquals("12000000000", SweepReportWriter.number(1.2e10));
        assertEquals("0.3333333333", SweepReportWriter.number(1.0 / 3));
        assertEquals("", SweepReportWriter.number(Double.NaN));
    }
}
