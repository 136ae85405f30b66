package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.Names;

/**
 * One table of a parsed TOML tree with typed, checked accessors: each reports a wrong type, a bad value or
 * an unknown key as a {@link ScenarioException} naming the file, line, key path and what is accepted.
 */
final class TomlTable {

    private final Source source;
    private final KeyPath path;
    private final TomlNode.Table node;

    TomlTable(Source source, KeyPath path, TomlNode.Table node) {
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

    /** Keys in the order the file wrote them. */
    List<String> keys() {
        return node.keys();
    }

    ScenarioException error(String key, String problem) {
        return source.error(path.child(key), problem);
    }

    ScenarioException error(String problem) {
        return source.error(path, problem);
    }

    /** Rejects keys outside {@code accepted}; {@code what} names the table in the message, e.g. {@code [run]}. */
    void onlyKeys(String what, Collection<String> accepted) {
        for (String key : node.keys()) {
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
        TomlNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, "a string");
        }
        if (!(v instanceof TomlNode.Str s)) {
            throw wrongType(key, v, "a string in double quotes");
        }
        return s.value();
    }

    <E> E choice(String key, Map<String, E> accepted, E fallback, String what) {
        TomlNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, "one of " + quoted(accepted.keySet()));
        }
        if (!(v instanceof TomlNode.Str s)) {
            throw wrongType(key, v, "one of " + quoted(accepted.keySet()));
        }
        E e = accepted.get(s.value());
        if (e == null) {
            throw error(key, "unknown " + what + " \"" + s.value() + "\"" + suggestion(s.value(), accepted.keySet())
                    + "; accepted: " + quoted(accepted.keySet()));
        }
        return e;
    }

    boolean bool(String key, boolean fallback) {
        TomlNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof TomlNode.Bool b)) {
            throw wrongType(key, v, "true or false");
        }
        return b.value();
    }

    /** An integer in {@code [min, max]}; {@code fallback} null makes the key required. */
    long integer(String key, Long fallback, long min, long max) {
        TomlNode v = node.get(key);
        String accepted = min == Long.MIN_VALUE && max == Long.MAX_VALUE
                ? "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : "an integer " + range(min, max);
        if (v == null) {
            return required(key, fallback, accepted);
        }
        if (!(v instanceof TomlNode.Int i)) {
            throw wrongType(key, v, accepted);
        }
        BigInteger n = i.value();
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            String why = n.signum() < 0 && min >= 0 ? " is negative" : " is out of range";
            throw error(key, key + " " + n + why + "; accepted: " + accepted);
        }
        return n.longValueExact();
    }

    int intValue(String key, Integer fallback, int min, int max) {
        return (int) integer(key, fallback == null ? null : fallback.longValue(), min, max);
    }

    /**
     * A queue capacity: an integer in {@code [min, 2147483647]} or {@code "unbounded"}
     * ({@link org.caniclab.sim.model.ServiceModel#UNBOUNDED}).
     */
    int queueCapacity(String key, int fallback, int min, String why) {
        TomlNode v = node.get(key);
        String accepted = "\"unbounded\" or an integer " + range(min, Integer.MAX_VALUE) + why;
        if (v == null) {
            return fallback;
        }
        if (v instanceof TomlNode.Str s) {
            if (s.value().equals("unbounded")) {
                return org.caniclab.sim.model.ServiceModel.UNBOUNDED;
            }
            throw error(key, key + " \"" + s.value() + "\" is not a capacity; accepted: " + accepted);
        }
        if (!(v instanceof TomlNode.Int i)) {
            throw wrongType(key, v, accepted);
        }
        BigInteger n = i.value();
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            String problem = n.signum() < 0 ? " is negative" : " is out of range";
            throw error(key, key + " " + n + problem + "; accepted: " + accepted);
        }
        return n.intValueExact();
    }

    /** A number (integer or decimal) in {@code [min, max]}; {@code unit} explains it in messages. */
    double number(String key, Double fallback, double min, double max, String unit) {
        TomlNode v = node.get(key);
        String accepted = unit + ", a number " + range(min, max);
        if (v == null) {
            return required(key, fallback, accepted);
        }
        double d;
        if (v instanceof TomlNode.Int i) {
            d = i.value().doubleValue();
        } else if (v instanceof TomlNode.Float f) {
            d = f.value();
        } else {
            throw wrongType(key, v, accepted);
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            String why = d < 0 && min >= 0 ? " is negative" : " is out of range";
            throw error(key, key + " " + TomlNode.text(v) + why + "; accepted: " + accepted);
        }
        return d;
    }

    /**
     * A rate in requests per second: a number, or a string with its unit ({@link Rates}); errors echo the value as
     * written. {@code fallback} null makes the key required.
     */
    double rate(String key, Double fallback) {
        TomlNode v = node.get(key);
        if (v instanceof TomlNode.Str s) {
            try {
                return Rates.parse(s.value());
            } catch (IllegalArgumentException e) {
                throw error(key, key + " " + e.getMessage());
            }
        }
        return number(key, fallback, 0, Double.MAX_VALUE, "requests per second");
    }

    /** A duration in nanoseconds; {@code fallback} null makes the key required. */
    long duration(String key, Long fallback) {
        TomlNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Durations.ACCEPTED);
        }
        if (isZero(v)) {
            return 0;
        }
        if (!(v instanceof TomlNode.Str s)) {
            throw wrongType(key, v, Durations.ACCEPTED);
        }
        try {
            return Durations.parse(s.value());
        } catch (IllegalArgumentException e) {
            throw error(key, "bad duration: " + e.getMessage());
        }
    }

    /** A cycle amount; {@code fallback} null makes the key required. */
    long cycles(String key, Long fallback) {
        TomlNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Cycles.ACCEPTED);
        }
        try {
            if (v instanceof TomlNode.Int i) {
                return Cycles.of(i.value(), i.value().toString());
            }
            if (v instanceof TomlNode.Str s) {
                return Cycles.parse(s.value());
            }
        } catch (IllegalArgumentException e) {
            throw error(key, "bad cycles: " + e.getMessage());
        }
        throw wrongType(key, v, Cycles.ACCEPTED);
    }

    /** A distribution of durations: a duration string (fixed) or a {@code {dist = ...}} table. */
    Distribution distribution(String key, Distribution fallback) {
        TomlNode v = node.get(key);
        if (v == null) {
            return required(key, fallback, Distributions.ACCEPTED);
        }
        if (v instanceof TomlNode.Str || isZero(v)) {
            return new Distribution.Fixed(duration(key, null));
        }
        if (!(v instanceof TomlNode.Table)) {
            throw wrongType(key, v, Distributions.ACCEPTED);
        }
        return Distributions.read(table(key));
    }

    // ---- structure ----------------------------------------------------------------------------------------

    /** The sub-table at {@code key}, or null when absent. */
    TomlTable table(String key) {
        TomlNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof TomlNode.Table t)) {
            throw wrongType(key, v, "a table");
        }
        return new TomlTable(source, path.child(key), t);
    }

    /** The sub-table at {@code key}, or an empty one (all defaults) when absent. */
    TomlTable tableOrEmpty(String key) {
        TomlTable t = table(key);
        return t != null ? t : new TomlTable(source, path.child(key), new TomlNode.Table(0));
    }

    /** The array of tables at {@code key} ({@code [[key]]} entries or an inline array of tables). */
    List<TomlTable> tables(String key) {
        TomlNode v = node.get(key);
        List<TomlTable> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof TomlNode.Table) {
            throw error(key, "expected an array of tables, got a single table; write [[" + path.child(key)
                    + "]] (double brackets) for each entry");
        }
        if (!(v instanceof TomlNode.Array a)) {
            throw wrongType(key, v, "an array of tables ([[" + path.child(key) + "]] entries)");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof TomlNode.Table t)) {
                throw source.error(path.child(key).index(i), "expected a table, got " + describe(a.get(i)));
            }
            out.add(new TomlTable(source, path.child(key).index(i), t));
        }
        return out;
    }

    /** An array of strings, empty when absent. */
    List<String> strings(String key) {
        TomlNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof TomlNode.Array a)) {
            throw wrongType(key, v, "an array of strings, e.g. [\"pools.api.overshoot_peak == 0\"]");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof TomlNode.Str s)) {
                throw source.error(path.child(key).index(i), "expected a string, got " + describe(a.get(i)));
            }
            out.add(s.value());
        }
        return out;
    }

    /**
     * An array of strings, numbers or booleans, each as {@code --set} would take it back ({@code 0.5},
     * {@code reserved}, {@code true}); a string that {@code --set} would read as another type is quoted.
     */
    List<String> setTexts(String key) {
        TomlNode v = node.get(key);
        String accepted = "an array of strings, numbers or booleans, e.g. [0.5, 0.6] or [\"seed-0.33.3\", \"reserved\"]";
        if (v == null) {
            return required(key, null, accepted);
        }
        if (!(v instanceof TomlNode.Array a)) {
            throw wrongType(key, v, accepted);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            TomlNode item = a.get(i);
            String text;
            if (item instanceof TomlNode.Str s) {
                TomlNode back = s.value().isBlank() ? null : TomlDocument.value(s.value().strip());
                boolean plain = !s.value().isBlank() && s.value().strip().equals(s.value())
                        && (back == null || (back instanceof TomlNode.Str bs && bs.value().equals(s.value())));
                text = plain ? s.value() : quote(s.value());
            } else if (item instanceof TomlNode.Int n) {
                text = n.value().toString();
            } else if (item instanceof TomlNode.Float f) {
                text = Double.toString(f.value());
            } else if (item instanceof TomlNode.Bool b) {
                text = Boolean.toString(b.value());
            } else {
                throw source.error(path.child(key).index(i), "expected a string, number or boolean, got "
                        + describe(item) + "; accepted: " + accepted);
            }
            out.add(text);
        }
        return out;
    }

    /** A TOML basic string. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // ---- messages -----------------------------------------------------------------------------------------

    private <T> T required(String key, T fallback, String accepted) {
        if (fallback == null) {
            throw error(key, "missing required key '" + key + "' in " + describeTable() + "; accepted: " + accepted);
        }
        return fallback;
    }

    ScenarioException wrongType(String key, TomlNode v, String accepted) {
        return error(key, "wrong type: expected " + accepted + ", got " + describe(v));
    }

    String describeTable() {
        return path.isRoot() ? "the top level" : "[" + path + "]";
    }

    static String describe(TomlNode v) {
        return TomlNode.describe(v);
    }

    private static boolean isZero(TomlNode v) {
        return v instanceof TomlNode.Int i && i.value().signum() == 0;
    }

    private static String range(double min, double max) {
        // Only a limit no integer key reaches goes unsaid; an int key says its 2147483647.
        boolean noMax = max >= Long.MAX_VALUE;
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
        return Names.suggestion(given, accepted);
    }
}
