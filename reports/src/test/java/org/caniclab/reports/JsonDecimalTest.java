package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Json#decimal}'s quick path against its definition ({@link Json#exactDecimal}), value for value. */
class JsonDecimalTest {

    private static void same(double value, int scale, String where) {
        BigDecimal expected = Json.exactDecimal(value, scale);
        BigDecimal actual = Json.decimal(value, scale);
        // equals, not compareTo: the same digits and the same scale, so the files print the same text
        assertEquals(expected, actual, where + ": " + value + " (" + Double.toString(value) + ") to " + scale);
    }

    @Test
    void agreesOnValuesOfEveryMagnitudeAndSign() {
        long seed = 20261201L;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 300_000; i++) {
            double value = WideDoubles.next(rng);
            same(value, rng.nextInt(16), "seed " + seed + ", case " + i); // every scale the quick path takes
        }
    }

    @Test
    void agreesAtAndAroundDecimalHalves() {
        // The decimal k.5 at the rounding place, e.g. 0.0005 to 3 places (the quick path sees 0.5 times 10^3 as
        // exactly 0.5 and must leave it to the definition: half-up gives 0.001), and the doubles a few ulps away.
        long seed = 7L;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 40_000; i++) {
            int scale = rng.nextInt(16);
            long k = i < 1_000 ? i : rng.nextLong(1L << rng.nextInt(1, 50));
            double half = Double.parseDouble(k + "5E-" + (scale + 1));
            double v = half;
            for (int step = 0; step < 6; step++) {
                same(v, scale, "seed " + seed + ", k " + k + ", up " + step);
                same(-v, scale, "seed " + seed + ", k " + k + ", up " + step + ", negative");
                v = Math.nextUp(v);
            }
            v = half;
            for (int step = 0; step < 6; step++) {
                same(v, scale, "seed " + seed + ", k " + k + ", down " + step);
                v = Math.nextDown(v);
            }
        }
    }

    @Test
    void roundsHalvesUpAndDropsTrailingZeros() {
        assertEquals(new BigDecimal("0.001"), Json.decimal(0.0005, 3));
        assertEquals(new BigDecimal("-0.001"), Json.decimal(-0.0005, 3));
        assertEquals(new BigDecimal("2.5"), Json.decimal(2.50004, 3));
        assertEquals(BigDecimal.ZERO, Json.decimal(0.0004, 3));
        assertEquals(BigDecimal.ZERO, Json.decimal(-0.0004, 3));
        assertEquals(BigDecimal.ZERO, Json.decimal(Double.NaN, 3));
        assertEquals(BigDecimal.ZERO, Json.decimal(Double.MIN_VALUE, 9));
        assertEquals(new BigDecimal("1E+3"), Json.decimal(999.9996, 3));
        assertEquals(new BigDecimal("123456789012345"), Json.decimal(123456789012345.0, 0));
    }
}
