package org.caniclab.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caniclab.sim.model.Distribution;

/**
 * One table of a parsed TOML tree with typed, checked accessors: each reports a wrong type, a bad value or
 * an unknown key as a {@link ScenarioException} naming the file, line, key path and what is accepted.
 */
final class TomlTable {
    private final Source source;
    private final KeyPath path;
    private final ObjectNode node;

    TomlTable(Source source, KeyPath path, ObjectNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    Source source() {
        return source;
    }

    KeyPath path() {
        return path;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    /** Keys in the order the file wrote them. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    ScenarioException error(String key, String problem) {
        return source.error(path.child(key), problem);
    }

    ScenarioException error(String problem) {
        return source.error(path, problem);
    }

    /** Rejects keys outside {@code accepted}; {@code what} names the table in the message, e.g. {@code [run]}. */
    void onlyKeys(String what, Collection<String> accepted) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!accepted.contains(key)) {
                String hint = suggestion(key, accepted);
                if (key.equals("expect") && !path.isRoot()) {
                    hint = " (expect is a top-level key: TOML puts every key after a [table] header into that table,"
                            + " so write expect = [...] before the first [table])";
                }
                throw error(key, "unknown key '" + key + "' in " + what + hint + "; accepted: "
                        + String.join(", ", accepted));
            }
        }
    }

    void onlyKeys(String what, String... accepted) {
        onlyKeys(what, List.of(accepted));
    }

    // ---- scalars ------------------------------------------------------------------------------------------

    String string(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, "a string");
        }
        if (!v.isTextual()) {
            throw wrongType(key, v, "a string in double quotes");
        }
        return v.textValue();
    }

    <E> E choice(String key, Map<String, E> accepted, E fallback, String what) {
        JsonNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, "one of " + quoted(accepted.keySet()));
        }
        if (!v.isTextual()) {
            throw wrongType(key, v, "one of " + quoted(accepted.keySet()));
        }
        E e = accepted.get(v.textValue());
        if (e == null) {
            throw error(key, "unknown " + what + " \"" + v.textValue() + "\"" + suggestion(v.textValue(), accepted.keySet())
                    + "; accepted: " + quoted(accepted.keySet()));
        }
        return e;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw wrongType(key, v, "true or false");
        }
        return v.booleanValue();
    }

    /** An integer in {@code [min, max]}; {@code fallback} null makes the key required. */
    long integer(String key, Long fallback, long min, long max) {
        JsonNode v = node.get(key);
        String accepted = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "an integer" : "an integer " + range(min, max);
        if (v == null) {
            return required(key, fallback, accepted);
        }
        if (!v.isIntegralNumber()) {
            throw wrongType(key, v, accepted);
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            String why = v.canConvertToLong() && v.longValue() < 0 && min >= 0 ? " is negative" : " is out of range";
            throw error(key, key + " " + v.asText() + why + "; accepted: " + accepted);
        }
        return v.longValue();
    }

    int intValue(String key, Integer fallback, int min, int max) {
        return (int) integer(key, fallback == null ? null : fallback.longValue(), min, max);
    }

    /** A number (integer or decimal) in {@code [min, max]}; {@code unit} explains it in messages. */
    double number(String key, Double fallback, double min, double max, String unit) {
        JsonNode v = node.get(key);
        String accepted = unit + ", a number " + range(min, max);
        if (v == null) {
            return required(key, fallback, accepted);
        }
        if (!v.isNumber()) {
            throw wrongType(key, v, accepted);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            String why = d < 0 && min >= 0 ? " is negative" : " is out of range";
            throw error(key, key + " " + v.asText() + why + "; accepted: " + accepted);
        }
        return d;
    }

    /** A duration in nanoseconds; {@code fallback} null makes the key required. */
    long duration(String key, Long fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Durations.ACCEPTED);
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() == 0) {
            return 0;
        }
        if (!v.isTextual()) {
            throw wrongType(key, v, Durations.ACCEPTED);
        }
        try {
            return Durations.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            throw error(key, "bad duration: " + e.getMessage());
        }
    }

    /** A cycle amount; {@code fallback} null makes the key required. */
    long cycles(String key, Long fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Cycles.ACCEPTED);
        }
        try {
            if (v.isIntegralNumber()) {
                return Cycles.of(v.bigIntegerValue(), v.asText());
            }
            if (v.isTextual()) {
                return Cycles.parse(v.textValue());
            }
        } catch (IllegalArgumentException e) {
            throw error(key, "bad cycles: " + e.getMessage());
        }
        throw wrongType(key, v, Cycles.ACCEPTED);
    }

    /** A distribution of durations: a duration string (fixed) or a {@code {dist = ...}} table. */
    Distribution distribution(String key, Distribution fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Distributions.ACCEPTED);
        }
        if (v.isTextual() || (v.isIntegralNumber() && v.asLong() == 0)) {
            return new Distribution.Fixed(duration(key, null));
        }
        if (!v.isObject()) {
            throw wrongType(key, v, Distributions.ACCEPTED);
        }
        return Distributions.read(table(key));
    }

    // ---- structure ----------------------------------------------------------------------------------------

    /** The sub-table at {@code key}, or null when absent. */
    TomlTable table(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(key, v, "a table");
        }
        return new TomlTable(source, path.child(key), (ObjectNode) v);
    }

    /** The sub-table at {@code key}, or an empty one (all defaults) when absent. */
    TomlTable tableOrEmpty(String key) {
        TomlTable t = table(key);
        return t != null ? t : new TomlTable(source, path.child(key), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** The array of tables at {@code key} ({@code [[key]]} entries or an inline array of tables). */
    List<TomlTable> tables(String key) {
        JsonNode v = node.get(key);
        List<TomlTable> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isObject()) {
            throw error(key, "expected an array of tables, got a single table; write [[" + path.child(key)
                    + "]] (double brackets) for each entry");
        }
        if (!v.isArray()) {
            throw wrongType(key, v, "an array of tables ([[" + path.child(key) + "]] entries)");
        }
        ArrayNode a = (ArrayNode) v;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isObject()) {
                throw source.error(path.child(key).index(i), "expected a table, got " + describe(a.get(i)));
            }
            out.add(new TomlTable(source, path.child(key).index(i), (ObjectNode) a.get(i)));
        }
        return out;
    }

    /** An array of strings, empty when absent. */
    List<String> strings(String key) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw wrongType(key, v, "an array of strings, e.g. [\"pools.api.overshoot_peak == 0\"]");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw source.error(path.child(key).index(i), "expected a string, got " + describe(v.get(i)));
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    // ---- messages -----------------------------------------------------------------------------------------

    private <T> T required(String key, T fallback, String accepted) {
        if (fallback == null) {
            throw error(key, "missing required key '" + key + "' in " + describeTable() + "; accepted: " + accepted);
        }
        return fallback;
    }

    ScenarioException wrongType(String key, JsonNode v, String accepted) {
        return error(key, "wrong type: expected " + accepted + ", got " + describe(v));
    }

    String describeTable() {
        return path.isRoot() ? "the top level" : "[" + path + "]";
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string \"" + v.textValue() + "\"";
        }
        if (v.isIntegralNumber()) {
            return "the integer " + v.asText();
        }
        if (v.isNumber()) {
            return "the number " + plain(v.decimalValue());
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String range(double min, double max) {
        boolean noMax = max >= Integer.MAX_VALUE;
        String lo = fmt(min);
        return noMax ? ">= " + lo : "from " + lo + " to " + fmt(max);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static String quoted(Collection<String> values) {
        return values.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    }

    /** " (did you mean 'x'?)" when a close accepted value exists. */
    static String suggestion(String given, Collection<String> accepted) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : accepted) {
            int d = distance(given, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, given.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
