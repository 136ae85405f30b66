package org.caniclab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads figures out of a summary by dotted path, so that expectations, sweeps and comparisons name
 * exactly the figures {@code summary.json} shows.
 *
 * <pre>{@code
 * JsonNode summary = SummaryPaths.toJson(result);   // or: new ObjectMapper().readTree(file)
 * double p99 = SummaryPaths.lookup(summary, "pools.api.requests.latency_ms.p99")
 *         .map(JsonNode::asDouble).orElse(Double.NaN);
 * }</pre>
 */
public final class SummaryPaths {

    private SummaryPaths() {}

    /** The run-level figures of {@code summary.json}. */
    public static final List<String> RUN_FIGURES =
            List.of("scenario", "seed", "backend", "mode", "simulated_seconds", "events");
    /** A pool's own figures ({@code pools.<name>.<figure>}). */
    public static final List<String> POOL_FIGURES = List.of("min_workers", "max_workers", "workers_final",
            "workers_peak", "overshoot_peak", "creates_started", "creates_completed", "creates_failed",
            "creates_orphaned", "cycles_spent");
    /** A pool's request figures ({@code pools.<name>.requests.<figure>}). */
    public static final List<String> REQUEST_FIGURES =
            List.of("arrived", "completed", "rejected", "wait_ms_mean", "waited", "p_wait", "utilization_mean");
    /** {@code requests.latency_ms.<figure>}. */
    public static final List<String> LATENCY_FIGURES = List.of("mean", "p50", "p90", "p99", "max");
    /** {@code requests.wait_ms.<figure>}. */
    public static final List<String> WAIT_FIGURES = List.of("p50", "p90", "p99", "max");
    /** {@code metrics.<index>.<figure>}. */
    public static final List<String> METRIC_FIGURES = List.of("operation", "outcome", "reason", "count");

    /**
     * Why {@code dottedPath} can name no figure of a summary of a run with these pools, or empty when it can:
     * checked against the schema before the run, leaves included, so a typo is an input error and not a
     * failed expectation. {@code metricRows} bounds the {@code metrics} index (the rows a run can have).
     */
    public static Optional<String> schemaProblem(String dottedPath, Collection<String> pools, int metricRows) {
        String[] top = split(dottedPath);
        if (RUN_FIGURES.contains(dottedPath)) {
            return Optional.empty();
        }
        switch (top[0]) {
            case "pools" -> {
                if (top[1] == null) {
                    return Optional.of("'pools' is a table; name a pool's figure, e.g. pools.<pool>.workers_peak");
                }
                String rest = top[1];
                Optional<String> pool = pools.stream().sorted(Comparator.comparingInt(String::length).reversed())
                        .filter(p -> rest.startsWith(p + ".")).findFirst();
                if (pool.isEmpty()) {
                    return Optional.of("names no pool's figure; pools: " + String.join(", ", pools));
                }
                return poolProblem(rest.substring(pool.get().length() + 1));
            }
            case "metrics" -> {
                String[] m = split(top[1] == null ? "" : top[1]);
                boolean index = !m[0].isEmpty() && m[0].length() < 10 && m[0].chars().allMatch(Character::isDigit);
                if (!index || Integer.parseInt(m[0]) >= metricRows) {
                    return Optional.of("metrics rows are metrics.<index>.<figure> with index 0 to " + (metricRows - 1));
                }
                return leaf(m[1], METRIC_FIGURES, "metrics." + m[0]);
            }
            default -> {
                return Optional.of("is not a figure of summary.json; accepted: " + String.join(", ", RUN_FIGURES)
                        + ", pools.<pool>.<figure>, metrics.<index>.<figure>");
            }
        }
    }

    private static Optional<String> poolProblem(String rest) {
        if (POOL_FIGURES.contains(rest)) {
            return Optional.empty();
        }
        String[] r = split(rest);
        if (!r[0].equals("requests")) {
            return Optional.of("unknown pool figure '" + rest + "'; accepted: " + String.join(", ", POOL_FIGURES)
                    + ", requests.<figure>");
        }
        if (r[1] != null && REQUEST_FIGURES.contains(r[1])) {
            return Optional.empty();
        }
        String[] q = split(r[1] == null ? "" : r[1]);
        if (q[0].equals("latency_ms")) {
            return leaf(q[1], LATENCY_FIGURES, "requests.latency_ms");
        }
        if (q[0].equals("wait_ms")) {
            return leaf(q[1], WAIT_FIGURES, "requests.wait_ms");
        }
        return Optional.of("unknown request figure '" + (r[1] == null ? "" : r[1]) + "'; accepted: "
                + String.join(", ", REQUEST_FIGURES) + ", latency_ms.<figure>, wait_ms.<figure>");
    }

    private static Optional<String> leaf(String key, List<String> accepted, String table) {
        return key != null && accepted.contains(key) ? Optional.empty()
                : Optional.of("unknown figure '" + (key == null ? "" : key) + "' of " + table + "; accepted: "
                        + String.join(", ", accepted));
    }

    /** {head, rest-or-null} at the first dot. */
    private static String[] split(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? new String[] {path, null} : new String[] {path.substring(0, dot), path.substring(dot + 1)};
    }

    /** The tree {@link RunReportWriter} writes as {@code summary.json}, node for node. */
    public static JsonNode toJson(RunResult result) {
        return SummaryTree.summary(result);
    }

    /**
     * The node at {@code dottedPath}, e.g. {@code pools.api.overshoot_peak}; a numeric segment
     * indexes an array ({@code metrics.0.count}). Pool names may themselves contain dots
     * ({@code pools.eu.api.workers_peak}): every split of the path is tried, shortest key first.
     */
    public static Optional<JsonNode> lookup(JsonNode summary, String dottedPath) {
        if (summary == null || dottedPath == null || dottedPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(resolve(summary, dottedPath));
    }

    private static JsonNode resolve(JsonNode node, String path) {
        for (int from = 0; ; ) {
            int dot = path.indexOf('.', from);
            JsonNode child = child(node, dot < 0 ? path : path.substring(0, dot));
            if (child != null) {
                if (dot < 0) {
                    return child;
                }
                JsonNode found = resolve(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            if (dot < 0) {
                return null;
            }
            from = dot + 1;
        }
    }

    private static JsonNode child(JsonNode node, String key) {
        if (node.isObject()) {
            return node.get(key);
        }
        boolean index = !key.isEmpty() && key.length() < 10 && key.chars().allMatch(c -> c >= '0' && c <= '9');
        if (node.isArray() && index) {
            return node.get(Integer.parseInt(key));
        }
        return null;
    }
}
