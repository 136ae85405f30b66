package org.caniclab.reports;

/** Renders {@code summary.txt}, the table a terminal shows at the end of a run. */
final class SummaryText {

    private SummaryText() {}

    static String render(RunResult result) {
        RunHeader h = result.header();
        StringBuilder out = new StringBuilder();
        field(out, "scenario", h.scenario());
        field(out, "seed", Long.toString(h.seed()));
        field(out, "backend", h.backend());
        field(out, "mode", h.mode());
        field(out, "simulated seconds", Json.plain(Json.decimal(h.simulatedSeconds(), Json.SECONDS)));
        field(out, "events", Long.toString(h.events()));

        out.append("\npools\n");
        TextTable pools = new TextTable()
                .group("", 1).group("workers", 4).group("creates", 3).group("requests", 3)
                .group("latency ms", 2).group("", 2)
                .text("pool")
                .number("final").number("peak").number("max").number("over")
                .number("started").number("done").number("failed")
                .number("arrived").number("done").number("rejected")
                .number("p50").number("p99")
                .number("P(wait)").number("util");
        for (PoolSummary p : result.pools()) {
            RequestStats r = p.requests();
            pools.row(p.name(),
                    Integer.toString(p.workersFinal()), Integer.toString(p.workersPeak()),
                    p.maxWorkers() > 0 ? Integer.toString(p.maxWorkers()) : "-",
                    Integer.toString(p.overshootPeak()),
                    Long.toString(p.createsStarted()), Long.toString(p.createsCompleted()),
                    Long.toString(p.createsFailed()),
                    Long.toString(r.arrived()), Long.toString(r.completed()), Long.toString(r.rejected()),
                    Json.fixedStatistic(r.latencyMs().p50(), Json.MS), Json.fixedStatistic(r.latencyMs().p99(), Json.MS),
                    Json.fixedStatistic(r.waits().pWait(), Json.RATIO),
                    Json.fixed(r.utilizationMean(), Json.RATIO));
        }
        out.append(pools.render());

        out.append("\ncanic metrics\n");
        if (result.metrics().isEmpty()) {
            out.append("(none)\n");
        } else {
            TextTable metrics = new TextTable().text("operation").text("outcome").text("reason").number("count");
            for (MetricCount m : result.metrics()) {
                metrics.row(m.operation(), m.outcome(), m.reason(), Long.toString(m.count()));
            }
            out.append(metrics.render());
        }

        if (!result.expectations().isEmpty()) {
            out.append("\nexpectations\n");
            TextTable expectations = new TextTable().text("result").text("expectation").text("measured");
            long failed = 0;
            for (ExpectationResult e : result.expectations()) {
                failed += e.passed() ? 0 : 1;
                expectations.row(e.passed() ? "PASS" : "FAIL", e.expression(), e.measured());
            }
            out.append(expectations.render());
            // Worded so that no CI log reader mistakes it for a test runner's closing line.
            out.append(failed == 0 ? "all " + result.expectations().size() + " expectations met\n"
                    : failed + " of " + result.expectations().size() + " expectations not met\n");
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append(label).append(" ".repeat(19 - label.length())).append(value).append('\n');
    }
}
