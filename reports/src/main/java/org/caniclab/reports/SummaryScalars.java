package org.caniclab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every numeric figure of a run's summary by its dotted path, in {@code summary.json}'s order: what a sweep
 * tabulates per run and aggregates per variant. Canic's metric rows are keyed by their labels
 * ({@code metrics.create_worker.completed.ok}) rather than by position, since the set of rows differs between runs;
 * {@code seed} (a column of its own) and the expectations are left out; a figure that is {@code null} in the summary
 * (no requests) is absent.
 *
 * <pre>{@code
 * Map<String, Double> figures = SummaryScalars.of(result);
 * double p99 = figures.get("pools.api.requests.latency_ms.p99");
 * }</pre>
 */
public final class SummaryScalars {
    private SummaryScalars() {}

    public static LinkedHashMap<String, Double> of(RunResult result) {
        return of(SummaryPaths.toJson(result));
    }

    /** The figures of a summary tree, e.g. one read back from a {@code summary.json} file. */
    public static LinkedHashMap<String, Double> of(JsonNode summary) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = summary.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            switch (f.getKey()) {
                case "seed", "expectations" -> { }
                case "metrics" -> {
                    for (JsonNode row : f.getValue()) {
                        out.put(child(child(child("metrics", row.path("operation").asText()),
                                row.path("outcome").asText()), row.path("reason").asText()), row.path("count").asDouble());
                    }
                }
                default -> walk(f.getKey(), f.getValue(), out);
            }
        }
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(path, node.asDouble());
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                walk(child(path, f.getKey()), f.getValue(), out);
            }
        }
    }

    /**
     * {@code path + "." + key}, one shared instance per path: a sweep holds every run's figures until its end, and
     * with the same name objects its thousands of maps take no memory for names and compare them by reference.
     */
    private static String child(String path, String key) {
        if (KEPT.get() >= MAX_NAMES) {
            return path + "." + key;
        }
        return NAMES.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> {
            KEPT.incrementAndGet();
            return path + "." + k;
        });
    }

    private static final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> NAMES = new ConcurrentHashMap<>();
    private static final AtomicInteger KEPT = new AtomicInteger();
    /**
     * Names kept at most, over every sweep a JVM runs (a worker serves many): a summary has about 40 plus a dozen per
     * pool, so this holds hundreds of studies' pools; past it names are made anew, as they were before the sharing.
     */
    private static final int MAX_NAMES = 100_000;
}
