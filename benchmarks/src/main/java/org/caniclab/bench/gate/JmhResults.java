package org.caniclab.bench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON that JMH writes with {@code -rf json}: an array with one object per benchmark and
 * parameter combination. Only what the table and the gates use is read; unknown fields are ignored,
 * missing required ones are reported with the entry's index.
 */
final class JmhResults {
    /** The secondary metric {@code -prof gc} writes for bytes per operation (JMH 1.37 spelling). */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {}

    /** One JMH run: how it was run, in a line, and its results in file order. */
    record Run(String description, List<BenchmarkResult> results) {
        Run {
            results = List.copyOf(results);
        }
    }

    /** The run in {@code file}; {@link BadInputException} names the file and what is wrong. */
    static Run read(Path file) {
        return parse(BadInputException.readText(file), file.toString());
    }

    /** The run in {@code json}; {@code source} names it in messages. */
    static Run parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException(source + ": expected a JSON array of JMH results (-rf json)");
        }
        List<BenchmarkResult> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(entry(root.get(i), source + " [" + i + "]"));
        }
        return new Run(root.isEmpty() ? "no results" : describe(root.get(0), root.size()), out);
    }

    // "JMH 1.37, JDK 17.0.15, 3 forks x (5 x 1 s warm-up + 5 x 1 s), 14 results", from the first entry:
    // bench runs every benchmark with the same settings.
    private static String describe(JsonNode first, int count) {
        StringBuilder b = new StringBuilder();
        b.append("JMH ").append(first.path("jmhVersion").asText("?"));
        b.append(", JDK ").append(first.path("vmVersion").asText("?"));
        b.append(", ").append(first.path("forks").asInt()).append(first.path("forks").asInt() == 1 ? " fork" : " forks");
        b.append(" x (").append(first.path("warmupIterations").asInt()).append(" x ")
                .append(first.path("warmupTime").asText("?")).append(" warm-up + ")
                .append(first.path("measurementIterations").asInt()).append(" x ")
                .append(first.path("measurementTime").asText("?")).append(")");
        b.append(", ").append(count).append(count == 1 ? " result" : " results");
        return b.toString();
    }

    private static BenchmarkResult entry(JsonNode n, String where) {
        String benchmark = text(n, "benchmark", where);
        String mode = text(n, "mode", where);
        JsonNode primary = n.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw new BadInputException(where + ": missing 'primaryMetric'");
        }
        double score = number(primary, "score", where + ".primaryMetric");
        double error = primary.has("scoreError") ? number(primary, "scoreError", where) : Double.NaN;
        String unit = text(primary, "scoreUnit", where + ".primaryMetric");
        double median = median(primary.get("rawData"), score);
        Map<String, String> params = new TreeMap<>();
        JsonNode p = n.get("params");
        if (p != null && p.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        Double bytes = null;
        JsonNode secondary = n.get("secondaryMetrics");
        if (secondary != null && secondary.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = secondary.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // Older JMH versions prefix profiler metrics with a middle dot: "·gc.alloc.rate.norm".
                String name = e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey();
                if (name.equals(ALLOC_NORM)) {
                    double mean = number(e.getValue(), "score", where + ".secondaryMetrics." + e.getKey());
                    bytes = median(e.getValue().get("rawData"), mean);
                }
            }
        }
        return new BenchmarkResult(benchmark, new TreeMap<>(params), mode, score, error, median, unit, bytes);
    }

    // rawData is one array of iteration scores per fork; the median is taken over all of them.
    private static double median(JsonNode rawData, double fallback) {
        List<Double> xs = new ArrayList<>();
        if (rawData != null && rawData.isArray()) {
            for (JsonNode fork : rawData) {
                for (JsonNode x : fork) {
                    if (x.isNumber()) {
                        xs.add(x.asDouble());
                    }
                }
            }
        }
        if (xs.isEmpty()) {
            return fallback;
        }
        xs.sort(null);
        int n = xs.size();
        return n % 2 == 1 ? xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2;
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new BadInputException(where + ": missing text field '" + field + "'");
        }
        return v.asText();
    }

    // JMH writes NaN and infinities as strings ("NaN"), everything else as JSON numbers.
    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        if (v != null && v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new BadInputException(where + ": field '" + field + "' is not a number");
    }
}
