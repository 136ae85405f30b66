package org.caniclab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON trees of {@code summary.json} and {@code run-info.json}. Object nodes keep
 * insertion order, so the key order written here is the key order of the files.
 */
final class SummaryTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SummaryTree() {}

    static ObjectNode summary(RunResult result) {
        RunHeader h = result.header();
        ObjectNode root = NODES.objectNode();
        root.put("scenario", h.scenario());
        root.put("seed", h.seed());
        root.put("backend", h.backend());
        root.put("mode", h.mode());
        root.set("simulated_seconds", Json.number(h.simulatedSeconds(), Json.SECONDS));
        root.set("warmup_seconds", Json.number(h.warmupSeconds(), Json.SECONDS));
        // MSER-5 on each pool's sampled queue depth: where the timeline's transient seems to end.
        root.set("suggested_warmup_seconds", Json.number(Mser.suggestedWarmupSeconds(result), Json.SECONDS));
        root.put("events", h.events());
        ObjectNode pools = root.putObject("pools");
        for (PoolSummary pool : result.pools()) {
            pools.set(pool.name(), pool(pool));
        }
        ArrayNode metrics = root.putArray("metrics");
        for (MetricCount m : result.metrics()) {
            metrics.addObject()
                    .put("operation", m.operation())
                    .put("outcome", m.outcome())
                    .put("reason", m.reason())
                    .put("count", m.count());
        }
        if (!result.expectations().isEmpty()) {
            ArrayNode expectations = root.putArray("expectations");
            for (ExpectationResult e : result.expectations()) {
                expectations.addObject()
                        .put("expression", e.expression())
                        .put("measured", e.measured())
                        .put("passed", e.passed());
            }
        }
        return root;
    }

    private static ObjectNode pool(PoolSummary p) {
        ObjectNode node = NODES.objectNode()
                .put("min_workers", p.minWorkers())
                .put("max_workers", p.maxWorkers())
                .put("workers_final", p.workersFinal())
                .put("workers_peak", p.workersPeak())
                .put("overshoot_peak", p.overshootPeak())
                .put("creates_started", p.createsStarted())
                .put("creates_completed", p.createsCompleted())
                .put("creates_failed", p.createsFailed())
                .put("creates_orphaned", p.createsOrphaned())
                .put("cycles_spent", p.cyclesSpent());
        RequestStats r = p.requests();
        ObjectNode requests = node.putObject("requests")
                .put("arrived", r.arrived())
                .put("completed", r.completed())
                .put("rejected", r.rejected());
        LatencySummary l = r.latencyMs();
        ObjectNode latency = requests.putObject("latency_ms");
        latency.set("mean", Json.statistic(l.mean(), Json.MS));
        latency.set("p50", Json.statistic(l.p50(), Json.MS));
        latency.set("p90", Json.statistic(l.p90(), Json.MS));
        latency.set("p99", Json.statistic(l.p99(), Json.MS));
        latency.set("max", Json.statistic(l.max(), Json.MS));
        requests.set("wait_ms_mean", Json.statistic(r.waitMsMean(), Json.MS));
        WaitSummary w = r.waits();
        ObjectNode wait = requests.putObject("wait_ms");
        wait.set("p50", Json.statistic(w.p50(), Json.MS));
        wait.set("p90", Json.statistic(w.p90(), Json.MS));
        wait.set("p99", Json.statistic(w.p99(), Json.MS));
        wait.set("max", Json.statistic(w.max(), Json.MS));
        requests.put("waited", w.waited());
        requests.set("p_wait", Json.statistic(w.pWait(), Json.RATIO));
        requests.set("utilization_mean", Json.number(r.utilizationMean(), Json.RATIO));
        r.batchMeans().ifPresent(b -> {
            ObjectNode batches = requests.putObject("batch_means").put("batches", b.batches());
            batches.set("wait_ms", estimate(b.waitEstimate()));
            batches.set("latency_ms", estimate(b.latencyEstimate()));
        });
        return node;
    }

    /** A batch-means estimate; an undefined figure (too few batches) is null. */
    private static ObjectNode estimate(BatchMeans.Estimate e) {
        ObjectNode node = NODES.objectNode().put("n", e.n());
        node.set("mean", orNull(e.mean(), Json.MS));
        node.set("half_width_95", orNull(e.halfWidth(), Json.MS));
        node.set("lo_95", orNull(e.lo(), Json.MS));
        node.set("hi_95", orNull(e.hi(), Json.MS));
        node.set("lag1", orNull(e.lag1(), Json.RATIO));
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode orNull(double x, int scale) {
        return Double.isFinite(x) ? Json.number(x, scale) : NODES.nullNode();
    }

    static ObjectNode runInfo(RunInfo info) {
        ObjectNode root = NODES.objectNode();
        root.set("wall_seconds", Json.number(info.wallSeconds(), Json.MS));
        if (!info.phases().isEmpty()) {
            ObjectNode parts = root.putObject("wall_parts");
            info.phases().forEach(ph -> parts.set(ph.name(), Json.number(ph.seconds(), Json.MS)));
        }
        root.set("events_per_second", Json.number(info.eventsPerSecond(), 1));
        root.put("java_version", info.javaVersion());
        root.put("jvm_name", info.jvmName());
        if (!info.jit().isEmpty()) {
            root.put("jit", info.jit());
        }
        root.put("available_processors", info.availableProcessors());
        root.put("max_heap_bytes", info.maxHeapBytes());
        if (!info.substrate().isEmpty()) {
            ObjectNode substrate = root.putObject("substrate");
            info.substrate().forEach(substrate::put);
        }
        info.provenance().ifPresent(p -> {
            ObjectNode made = root.putObject("provenance");
            made.put("scenario_file", p.scenarioFile());
            ArrayNode sets = made.putArray("overrides");
            p.overrides().forEach(sets::add);
            made.put("seed", p.seed());
            made.put("tool_version", p.toolVersion());
            made.put("backend", p.backend());
        });
        return root;
    }
}
