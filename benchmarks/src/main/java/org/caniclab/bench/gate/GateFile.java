package org.caniclab.bench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code gates.toml}: which benchmark is each benchmark's reference, and the gates.
 *
 * <pre>{@code
 * [references]                          # benchmark = its reference, same parameters
 * "RegistryBenchmark.countByPoolIndexed" = "RegistryBenchmark.countByPoolLinear"
 *
 * [[ratio]]                             # time/op of benchmark over time/op of baseline
 * name = "index-count-flat"
 * protects = "countByPool stays O(1)"
 * benchmark = "RegistryBenchmark.countByPoolIndexed"
 * params = { workers = "100000" }       # optional filter
 * baseline = "RegistryBenchmark.countByPoolIndexed"   # optional, default: benchmark
 * baseline_params = { workers = "10" }  # optional, overrides the checked result's params
 * max_ratio = 2.0                       # and/or min_ratio
 *
 * [[allocation]]                        # gc.alloc.rate.norm of each selected result
 * name = "planning-allocation-free"
 * protects = "..."
 * benchmark = "PlanningBenchmark.*"
 * max_bytes_per_op = 1.0
 * }</pre>
 *
 * <p>Unknown keys and tables are errors, so that a misspelt bound never silently disables a gate.
 */
record GateFile(Map<String, String> references, List<Gate> gates) {
    private static final Set<String> TOP = Set.of("references", "ratio", "allocation");
    private static final Set<String> RATIO_KEYS = Set.of("name", "protects", "benchmark", "params",
            "baseline", "baseline_params", "min_ratio", "max_ratio");
    private static final Set<String> ALLOCATION_KEYS = Set.of("name", "protects", "benchmark", "params",
            "max_bytes_per_op");

    GateFile {
        references = Map.copyOf(references);
        gates = List.copyOf(gates);
    }

    /** Reads and validates {@code file}; {@link BadInputException} names the file, the key and the rule. */
    static GateFile read(Path file) {
        return parse(BadInputException.readText(file), file.toString());
    }

    static GateFile parse(String toml, String source) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid TOML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": empty; expected [references], [[ratio]], [[allocation]]");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP.contains(key)) {
                throw new BadInputException(source + ": unknown table '" + key
                        + "'; accepted: [references], [[ratio]], [[allocation]]");
            }
        }
        Map<String, String> references = new TreeMap<>();
        JsonNode refs = root.get("references");
        if (refs != null) {
            if (!refs.isObject()) {
                throw new BadInputException(source + ": 'references' must be a table of \"Class.method\" = \"Class.method\"");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = refs.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = source + ": references.\"" + e.getKey() + "\"";
                requireBenchmarkName(e.getKey(), at);
                if (!e.getValue().isTextual()) {
                    throw new BadInputException(at + ": expected a string naming the reference benchmark");
                }
                requireBenchmarkName(e.getValue().asText(), at);
                if ((e.getKey() + e.getValue().asText()).contains("*")) {
                    throw new BadInputException(at + ": references name single benchmarks; no wildcard");
                }
                references.put(e.getKey(), e.getValue().asText());
            }
        }
        List<Gate> gates = new ArrayList<>();
        for (JsonNode g : tables(root, "ratio", source)) {
            String at = source + ": ratio[" + gates.size() + "]";
            gates.add(ratio(g, at));
        }
        int ratios = gates.size();
        for (JsonNode g : tables(root, "allocation", source)) {
            String at = source + ": allocation[" + (gates.size() - ratios) + "]";
            gates.add(allocation(g, at));
        }
        Set<String> names = new HashSet<>();
        for (Gate g : gates) {
            if (!names.add(g.name())) {
                throw new BadInputException(source + ": gate name '" + g.name() + "' is used twice; names must be unique");
            }
        }
        return new GateFile(references, gates);
    }

    private static List<JsonNode> tables(JsonNode root, String key, String source) {
        JsonNode n = root.get(key);
        List<JsonNode> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            throw new BadInputException(source + ": '" + key + "' must be an array of tables, written [[" + key + "]]");
        }
        n.forEach(out::add);
        return out;
    }

    private static Gate ratio(JsonNode g, String at) {
        requireKnownKeys(g, RATIO_KEYS, at);
        String name = text(g, "name", at);
        at = at + " ('" + name + "')";
        String benchmark = text(g, "benchmark", at);
        String baseline = g.has("baseline") ? text(g, "baseline", at) : benchmark;
        requireBenchmarkName(baseline, at + ".baseline");
        if (baseline.contains("*")) {
            throw new BadInputException(at + ".baseline: '" + baseline + "' has a wildcard; a baseline names one benchmark");
        }
        Double min = g.has("min_ratio") ? positive(g, "min_ratio", at) : null;
        Double max = g.has("max_ratio") ? positive(g, "max_ratio", at) : null;
        if (min == null && max == null) {
            throw new BadInputException(at + ": needs min_ratio, max_ratio or both");
        }
        if (min != null && max != null && min > max) {
            throw new BadInputException(at + ": min_ratio " + min + " is above max_ratio " + max);
        }
        return new Gate.Ratio(name, text(g, "protects", at), benchmark, params(g, "params", at), baseline,
                params(g, "baseline_params", at), min, max);
    }

    private static Gate allocation(JsonNode g, String at) {
        requireKnownKeys(g, ALLOCATION_KEYS, at);
        String name = text(g, "name", at);
        at = at + " ('" + name + "')";
        JsonNode max = g.get("max_bytes_per_op");
        if (max == null || !max.isNumber() || max.asDouble() < 0) {
            throw new BadInputException(at + ".max_bytes_per_op: expected a number >= 0");
        }
        return new Gate.Allocation(name, text(g, "protects", at), text(g, "benchmark", at),
                params(g, "params", at), max.asDouble());
    }

    private static void requireKnownKeys(JsonNode g, Set<String> accepted, String at) {
        if (!g.isObject()) {
            throw new BadInputException(at + ": expected a table");
        }
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!accepted.contains(key)) {
                throw new BadInputException(at + "." + key + ": unknown key; accepted: "
                        + String.join(", ", new java.util.TreeSet<>(accepted)));
            }
        }
    }

    private static String text(JsonNode g, String key, String at) {
        JsonNode v = g.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadInputException(at + "." + key + ": expected a non-empty string");
        }
        if (key.equals("benchmark")) {
            requireBenchmarkName(v.asText(), at + "." + key);
        }
        return v.asText();
    }

    private static double positive(JsonNode g, String key, String at) {
        JsonNode v = g.get(key);
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw new BadInputException(at + "." + key + ": expected a number > 0");
        }
        return v.asDouble();
    }

    // Values may be written as strings or numbers (workers = 100000); JMH reports them as strings.
    private static Map<String, String> params(JsonNode g, String key, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode p = g.get(key);
        if (p == null) {
            return out;
        }
        if (!p.isObject()) {
            throw new BadInputException(at + "." + key + ": expected an inline table such as { workers = \"100000\" }");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new BadInputException(at + "." + key + "." + e.getKey() + ": expected a string or number");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static void requireBenchmarkName(String name, String at) {
        if (!name.matches("[A-Za-z_$*][A-Za-z0-9_$*]*\\.[A-Za-z_$*][A-Za-z0-9_$*]*")) {
            throw new BadInputException(at + ": '" + name + "' is not a benchmark name; expected Class.method,"
                    + " e.g. RegistryBenchmark.countByPoolIndexed");
        }
    }
}
