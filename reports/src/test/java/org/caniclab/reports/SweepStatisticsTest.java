package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Means, standard deviations and Student-t intervals against values computed by hand and from t tables. */
class SweepStatisticsTest {
    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.706, SweepStatistics.tQuantile(1), 5e-4);
        assertEquals(2.262, SweepStatistics.tQuantile(9), 5e-4);
        assertEquals(1.984, SweepStatistics.tQuantile(100), 5e-4);
    }

    @Test
    void aggregatesPerVariantInFirstSeenOrder() {
        SweepResult r = new SweepResult(new SweepResult.Header("s", "s.toml", "sim", "t", List.of(), 4,
                List.of(1L, 2L, 3L, 4L)), List.of("k"), List.of(new SweepResult.Variant(0, List.of("a")),
                new SweepResult.Variant(1, List.of("b"))), List.of(
                run(0, 0, "x", 1), run(0, 1, "x", 2), run(0, 2, "x", 3), run(0, 3, "x", 4),
                run(1, 0, "y", 5), run(1, 1, "y", 5)));
        List<SweepStatistics.Row> rows = SweepStatistics.aggregate(r);
        assertEquals(2, rows.size());
        SweepStatistics.Row x = rows.get(0);
        assertEquals("x", x.figure());
        assertEquals(4, x.n());
        assertEquals(2.5, x.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), x.sd(), 1e-12); // squares of deviations: 2.25 + .25 + .25 + 2.25 = 5
        assertEquals(3.182446 * Math.sqrt(5.0 / 3) / 2, x.halfWidth(), 1e-5);
        SweepStatistics.Row y = rows.get(1);
        assertEquals(1, y.variant());
        assertEquals(0, y.halfWidth(), 0, "no spread: an interval of width 0");
        assertEquals(List.of("x", "y"), SweepStatistics.figures(r));
    }

    @Test
    void aSingleRunHasNoInterval() {
        SweepStatistics.Row one = SweepStatistics.row(0, "x", List.of(3.0));
        assertTrue(Double.isNaN(one.halfWidth()));
        assertEquals("", SweepReportWriter.number(one.halfWidth()), "written as an empty cell");
        assertEquals("3", SweepReportWriter.number(one.mean()));
    }

    @Test
    void numbersKeepTenSignificantDigitsInPlainNotation() {
        assertEquals("0.1", SweepReportWriter.number(0.1));
        assertEquals("1234567890000", SweepReportWriter.number(1.23456789e12));
        assertEquals("0.0000123", SweepReportWriter.number(1.23e-5));
        assertEquals("3.333333333", SweepReportWriter.number(10.0 / 3));
        assertEquals("0", SweepReportWriter.number(-0.0));
    }

    private static SweepResult.Run run(int variant, int rep, String figure, double x) {
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put(figure, x);
        return new SweepResult.Run(variant, rep, rep, f);
    }
}
