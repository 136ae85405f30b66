package org.caniclab.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code --set key.path=value} overrides to a parsed scenario tree before it is validated, so an
 * override is checked exactly like the key written in the file. The value is read as a TOML value
 * ({@code 7}, {@code true}, {@code "text"}, {@code [1, 2]}, {@code {a = 1}}); anything that is not valid
 * TOML is taken as a string, so {@code hub.mode=reserved} and {@code run.duration=30s} need no quotes.
 */
final class Overrides {
    static final String FORM = "key.path=value, e.g. hub.mode=reserved, pools.api.policy.max_workers=4, "
            + "load.0.rate=50 or run.seed=7";

    private Overrides() {}

    static void apply(List<String> sets, Source source) {
        for (String arg : sets) {
            apply(arg, source, null);
        }
    }

    /**
     * Applies one {@code key.path=value}; with an {@code origin} (a value written in the file's {@code [sweep]}),
     * errors about it name that line instead of a {@code --set}.
     */
    static void apply(String arg, Source source, Source.Origin origin) {
        TomlNode.Table root = source.root();
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw bad(source, arg, "not of the form " + FORM, origin);
        }
        List<Object> segments = parsePath(arg.substring(0, eq).strip(), source, arg, origin);
        TomlNode value = value(arg.substring(eq + 1));

        TomlNode node = root;
        KeyPath path = KeyPath.ROOT;
        boolean recordedCreation = false;
        for (int i = 0; i < segments.size(); i++) {
            Object seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (node instanceof TomlNode.Table obj) {
                if (seg instanceof Integer) {
                    throw bad(source, arg, (path.isRoot() ? "the top level" : path.toString()) + " is a table, not an "
                            + "array, so [" + seg + "] names nothing; accepted: a key", origin);
                }
                String key = seg.toString();
                KeyPath child = path.child(key);
                if (last) {
                    obj.put(key, value);
                    source.overridden(child, arg, origin);
                    return;
                }
                TomlNode next = obj.get(key);
                if (next == null && segments.get(i + 1) instanceof Integer n) {
                    throw bad(source, arg, child + " is not in the scenario, so index " + n + " is out of range", origin);
                }
                if (next == null) {
                    if (path.toString().equals("pools")) {
                        List<String> pools = obj.keys();
                        throw bad(source, arg, "there is no pool '" + key + "' to override; pools: "
                                + (pools.isEmpty() ? "(none)" : String.join(", ", pools)), origin);
                    }
                    next = new TomlNode.Table(0);
                    obj.put(key, next);
                    if (!recordedCreation) {
                        // Errors about a table --set created (e.g. a misspelt key) name this override.
                        source.overridden(child, arg, origin);
                        recordedCreation = true;
                    }
                }
                node = next;
                path = child;
            } else if (node instanceof TomlNode.Array array) {
                int index = index(seg);
                if (index < 0 || index >= array.size()) {
                    String what = index < 0 ? "'" + seg + "' is not an index" : "index " + index + " is out of range";
                    throw bad(source, arg, path + " is an array with " + array.size() + " entries; " + what
                            + "; accepted: " + (array.size() == 0 ? "no index" : "0 to " + (array.size() - 1)), origin);
                }
                KeyPath child = path.index(index);
                if (last) {
                    array.items().set(index, value);
                    source.overridden(child, arg, origin);
                    return;
                }
                node = array.get(index);
                path = child;
            } else {
                throw bad(source, arg, path + " is a value (" + TomlTable.describe(node) + "), not a table, so it has no key '"
                        + seg + "'", origin);
            }
        }
    }

    private static int index(Object seg) {
        if (seg instanceof Integer i) {
            return i;
        }
        String s = seg.toString();
        return s.matches("[0-9]{1,9}") ? Integer.parseInt(s) : -1;
    }

    private static TomlNode value(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new TomlNode.Str("", 0);
        }
        TomlNode v = TomlDocument.value(t);
        // Not a TOML value: a bare word such as reserved or 30s, taken as a string.
        return v != null ? v : new TomlNode.Str(t, 0);
    }

    /** Splits {@code a.b[1]."c.d"} into keys and indices. */
    static List<Object> parsePath(String key, Source source, String arg) {
        return parsePath(key, source, arg, null);
    }

    private static List<Object> parsePath(String key, Source source, String arg, Source.Origin origin) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        boolean expectKey = true;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '[') {
                int close = key.indexOf(']', i);
                String n = close < 0 ? "" : key.substring(i + 1, close).strip();
                if (!n.matches("[0-9]{1,9}")) {
                    throw bad(source, arg, "bad index in key path '" + key + "'; accepted: " + FORM, origin);
                }
                out.add(Integer.parseInt(n));
                i = close + 1;
                expectKey = false;
            } else if (c == '.') {
                if (expectKey) {
                    throw bad(source, arg, "empty segment in key path '" + key + "'; accepted: " + FORM, origin);
                }
                expectKey = true;
                i++;
            } else if (c == '"') {
                int close = key.indexOf('"', i + 1);
                if (close < 0 || !expectKey) {
                    throw bad(source, arg, "malformed key path '" + key + "'; accepted: " + FORM, origin);
                }
                out.add(key.substring(i + 1, close));
                i = close + 1;
                expectKey = false;
            } else {
                int end = i;
                while (end < key.length() && ".[\"".indexOf(key.charAt(end)) < 0) {
                    end++;
                }
                String seg = key.substring(i, end).strip();
                if (seg.isEmpty() || !expectKey) {
                    throw bad(source, arg, "malformed key path '" + key + "'; accepted: " + FORM, origin);
                }
                out.add(seg);
                i = end;
                expectKey = false;
            }
        }
        if (out.isEmpty() || expectKey) {
            throw bad(source, arg, "empty segment in key path '" + key + "'; accepted: " + FORM, origin);
        }
        return out;
    }

    private static ScenarioException bad(Source source, String arg, String problem, Source.Origin origin) {
        return origin != null ? source.error(origin, arg, problem)
                : new ScenarioException(source.display(), 0, "--set " + arg, problem);
    }
}
