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
        // The warm-up as set beside MSER-5's suggestion, so a too-short one shows where the run's figures are read.
        double suggested = Mser.suggestedWarmupSeconds(result);
        field(out, "warm-up", seconds(h.warmupSeconds()) + " (MSER-5 suggests " + seconds(suggested)
                + (suggested > h.warmupSeconds() ? ": too short)" : ")"));

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
        batchMeans(out, result);

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

    /**
     * The batch-means table of the pools that have one ({@code run.batches}): per pool and figure the batches used,
     * the mean with its 95 % interval, the half-width relative to the mean, the lag-1 correlation, and the verdict
     * of {@link BatchMeans.Estimate#lengthenFactor()}.
     */
    private static void batchMeans(StringBuilder out, RunResult result) {
        TextTable table = new TextTable()
                .text("pool").text("figure").number("batches").number("mean").number("95% lo").number("95% hi")
                .number("±%").number("lag-1").text("run length");
        boolean any = false;
        for (PoolSummary p : result.pools()) {
            if (p.requests().batchMeans().isEmpty()) {
                continue;
            }
            any = true;
            BatchMeans b = p.requests().batchMeans().get();
            row(table, p.name(), "wait ms", b.waitEstimate());
            row(table, p.name(), "latency ms", b.latencyEstimate());
        }
        if (any) {
            out.append("\nbatch means (95 % intervals)\n").append(table.render());
        }
    }

    private static void row(TextTable table, String pool, String figure, BatchMeans.Estimate e) {
        table.row(pool, figure, Integer.toString(e.n()),
                Json.fixedStatistic(e.mean(), Json.MS), Json.fixedStatistic(e.lo(), Json.MS),
                Json.fixedStatistic(e.hi(), Json.MS),
                Json.fixedStatistic(100 * e.relativeHalfWidth(), 1), Json.fixedStatistic(e.lag1(), 2),
                e.verdict());
    }

    private static String seconds(double s) {
        return Json.plain(Json.decimal(s, Json.SECONDS)) + "s";
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append(label).append(" ".repeat(19 - label.length())).append(value).append('\n');
    }
}
