package org.caniclab.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPageTest {

    static final String LATENCY = "pools.web.requests.latency_ms.p99";
    static final String WORKERS = "pools.web.workers_peak";

    /**
     * Target utilization 0.9, 0.5, 0.7 (not in order) for two modes; the reserved mode lacks 0.9 for latency,
     * and one estimate has no interval (a single replication).
     */
    static SweepPage.Input study() {
        List<SweepPage.Estimate> e = new ArrayList<>();
        String[] values = {"0.9", "0.5", "0.7"};
        for (String mode : List.of("mode=seed", "mode=reserved")) {
            for (String v : values) {
                double target = Double.parseDouble(v);
                double shift = mode.equals("mode=seed") ? 0 : 40;
                if (!(mode.equals("mode=reserved") && v.equals("0.9"))) {
                    e.add(new SweepPage.Estimate(LATENCY, mode, v, 500 + 800 * target + shift, 20 + 10 * target, 10));
                }
                e.add(new SweepPage.Estimate(WORKERS, mode, v, 10 / target,
                        v.equals("0.7") && mode.equals("mode=seed") ? Double.NaN : 0.25, 10));
            }
        }
        return new SweepPage.Input("autoscaler-target", "What target utilization keeps p99 under 1 s?",
                "pools.web.autoscaler.target", Arrays.asList(values), List.of("mode=seed", "mode=reserved"), e);
    }

    @Test
    void oneChartPerMetricWithOneLinePerVariantSortedByValue() {
        PageData data = SweepPage.data(study());
        List<PageData.Chart> charts = data.charts();

        assertEquals(List.of(LATENCY, WORKERS), charts.stream().map(PageData.Chart::key).toList());
        PageData.Chart latency = charts.get(0);
        assertEquals(PageData.Scale.NUMBER, latency.scale());
        assertEquals(List.of("mode=seed", "mode=reserved"), latency.series().stream().map(PageData.Series::label).toList());
        // x sorted 0.5, 0.7, 0.9: means 500 + 800 * target.
        assertEquals(List.of("900", "1060", "1220"), latency.series().get(0).values());
        assertEquals(Arrays.asList("940", "1100", null), latency.series().get(1).values(), "missing estimate is a gap");
        assertEquals(Arrays.asList("25", "27", null), latency.series().get(1).halfWidths());
        assertEquals(Arrays.asList("0.25", null, "0.25"), charts.get(1).series().get(0).halfWidths(),
                "no interval for a single replication");
        assertEquals(List.of("20", "14.2857", "11.1111"), charts.get(1).series().get(0).values(),
                "six significant digits");
        String json = data.toJson();
        assertTrue(json.contains("\"x\":[0.5,0.7,0.9]"), json);
    }

    @Test
    void nonNumericValuesAreCategoriesInTheGivenOrder() {
        SweepPage.Input input = new SweepPage.Input("modes", "", "hub.mode", List.of("seed-0.33.3", "reserved"),
                List.of(""), List.of(new SweepPage.Estimate(WORKERS, "", "reserved", 4, 0, 3),
                        new SweepPage.Estimate(WORKERS, "", "seed-0.33.3", 6, 1.5, 3)));

        PageData.Chart chart = SweepPage.data(input).charts().get(0);

        assertEquals(PageData.Scale.CATEGORY, chart.scale());
        assertEquals(List.of("seed-0.33.3", "reserved"), chart.categories());
        assertEquals(List.of("6", "4"), chart.series().get(0).values());
        assertEquals("mean", chart.series().get(0).label(), "the only variant has no label of its own");
    }

    @Test
    void refusesEstimatesThatNameNoValueOrVariantOrRepeat() {
        SweepPage.Estimate ok = new SweepPage.Estimate(WORKERS, "", "1", 1, 0, 2);
        assertThrows(IllegalArgumentException.class, () -> new SweepPage.Input("t", "", "p", List.of("1"), List.of(""),
                List.of(new SweepPage.Estimate(WORKERS, "", "2", 1, 0, 2))));
        assertThrows(IllegalArgumentException.class, () -> new SweepPage.Input("t", "", "p", List.of("1"), List.of(""),
                List.of(new SweepPage.Estimate(WORKERS, "other", "1", 1, 0, 2))));
        assertThrows(IllegalArgumentException.class, () -> new SweepPage.Input("t", "", "p", List.of("1"), List.of(""),
                List.of(ok, ok)));
        assertThrows(IllegalArgumentException.class, () -> new SweepPage.Input("t", "", "p", List.of("1", "1"),
                List.of(""), List.of()));
    }

    @Test
    void sameInputSameBytes() {
        assertEquals(SweepPage.render(study()), SweepPage.render(study()));
        assertTrue(SweepPage.render(study()).contains("What target utilization keeps p99 under 1 s?"));
    }
}
