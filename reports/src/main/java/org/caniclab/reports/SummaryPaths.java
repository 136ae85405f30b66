package org.caniclab.reports;

import com.fasterxml.jackson.databind.JsonNode;
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
