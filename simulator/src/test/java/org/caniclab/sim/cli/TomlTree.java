package org.caniclab.sim.cli;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A TOML file (a scenario or a canic.toml) as a mutable tree of TOML literals, read with tomlj (the loader's parser)
 * and written back as TOML with the line of every key recorded, so that a test can drop, replace or add any key and
 * know where the loader must say the problem is.
 *
 * <pre>{@code
 * TomlTree.Tab t = TomlTree.parse(Files.readString(scenario));
 * t.copy().remove(List.of("run", "seed"));
 * TomlTree.Written w = TomlTree.write(t, false);   // one key per line, every table under a header
 * }</pre>
 */
final class TomlTree {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlTree() {}

    sealed interface Node permits Tab, Arr, Lit {
        Node copy();
    }

    /** A table, keys in file order. */
    static final class Tab implements Node {
        final LinkedHashMap<String, Node> entries = new LinkedHashMap<>();

        @Override
        public Tab copy() {
            Tab t = new Tab();
            entries.forEach((k, v) -> t.entries.put(k, v.copy()));
            return t;
        }

        /** The node at {@code path} (keys and indices), or null. */
        Node at(List<Object> path) {
            Node n = this;
            for (Object seg : path) {
                if (n instanceof Tab t && seg instanceof String k) {
                    n = t.entries.get(k);
                } else if (n instanceof Arr a && seg instanceof Integer i && i < a.items.size()) {
                    n = a.items.get(i);
                } else {
                    return null;
                }
            }
            return n;
        }

        /** Removes the entry at {@code path}. */
        void remove(List<Object> path) {
            Node parent = at(path.subList(0, path.size() - 1));
            Object last = path.get(path.size() - 1);
            if (parent instanceof Tab t) {
                t.entries.remove((String) last);
            } else {
                ((Arr) parent).items.remove((int) (Integer) last);
            }
        }

        /** Replaces the entry at {@code path}. */
        void set(List<Object> path, Node value) {
            Node parent = at(path.subList(0, path.size() - 1));
            Object last = path.get(path.size() - 1);
            if (parent instanceof Tab t) {
                t.entries.put((String) last, value);
            } else {
                ((Arr) parent).items.set((Integer) last, value);
            }
        }
    }

    /** An array. */
    static final class Arr implements Node {
        final List<Node> items = new ArrayList<>();

        @Override
        public Arr copy() {
            Arr a = new Arr();
            items.forEach(i -> a.items.add(i.copy()));
            return a;
        }

        boolean ofTables() {
            return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Tab);
        }
    }

    /** A scalar as TOML source text ({@code 7}, {@code "x"}, {@code 9223372036854775808}, {@code nan}). */
    record Lit(String toml) implements Node {
        @Override
        public Lit copy() {
            return this;
        }

        boolean isString() {
            return toml.startsWith("\"");
        }

        boolean isInteger() {
            return toml.matches("[+-]?[0-9][0-9_]*");
        }

        boolean isFloat() {
            return !isString() && !isInteger() && !toml.equals("true") && !toml.equals("false");
        }
    }

    /** Parses TOML text with tomlj; fails the test on a syntax error (only shipped files are parsed here). */
    static Tab parse(String text) {
        TomlParseResult r = Toml.parse(text);
        if (r.hasErrors()) {
            throw new AssertionError("not TOML: " + r.errors());
        }
        return table(r);
    }

    private static Tab table(TomlTable t) {
        Tab out = new Tab();
        for (String k : t.keySet()) {
            out.entries.put(k, node(t.get(List.of(k))));
        }
        return out;
    }

    private static Node node(Object v) {
        if (v instanceof TomlTable t) {
            return table(t);
        }
        if (v instanceof TomlArray a) {
            Arr out = new Arr();
            for (int i = 0; i < a.size(); i++) {
                out.items.add(node(a.get(i)));
            }
            return out;
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Double d) {
            return new Lit(d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : Double.toString(d));
        }
        if (v instanceof Long || v instanceof Boolean) {
            return new Lit(v.toString());
        }
        if (v instanceof TemporalAccessor) {
            return new Lit(v.toString());
        }
        throw new AssertionError("unexpected TOML value " + v);
    }

    /** A TOML basic string holding {@code s}. */
    static Lit string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return new Lit(b.append('"').toString());
    }

    /** One entry of the tree: its path (keys and indices) and value. */
    record Entry(List<Object> path, Node node) {
        String key() {
            return path.get(path.size() - 1).toString();
        }
    }

    /** Every entry below the root, depth first in file order: leaf keys, tables, arrays and their elements. */
    static List<Entry> walk(Tab root) {
        List<Entry> out = new ArrayList<>();
        walk(root, List.of(), out);
        return out;
    }

    private static void walk(Node n, List<Object> path, List<Entry> out) {
        if (n instanceof Tab t) {
            t.entries.forEach((k, v) -> {
                List<Object> p = append(path, k);
                out.add(new Entry(p, v));
                walk(v, p, out);
            });
        } else if (n instanceof Arr a) {
            for (int i = 0; i < a.items.size(); i++) {
                List<Object> p = append(path, i);
                if (a.items.get(i) instanceof Tab) {
                    out.add(new Entry(p, a.items.get(i)));
                    walk(a.items.get(i), p, out);
                }
            }
        }
    }

    static List<Object> append(List<Object> path, Object seg) {
        List<Object> p = new ArrayList<>(path);
        p.add(seg);
        return List.copyOf(p);
    }

    /** A path as the loader names it: {@code pools.api.policy.max_workers}, {@code load[0].rate}. */
    static String name(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object seg : path) {
            if (seg instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(key((String) seg));
            }
        }
        return b.toString();
    }

    private static String key(String k) {
        return BARE.matcher(k).matches() ? k : string(k).toml();
    }

    /**
     * The text of a tree and the 1-based line each entry was written on (an entry inside an inline value has its
     * key's line), by {@link #name}; {@code headers} are the lines of {@code [table]} headers (not {@code [[...]]}).
     */
    record Written(String text, Map<String, Integer> lines, List<Integer> headers, List<Integer> keyLines) {
        List<String> lineList() {
            return text.lines().toList();
        }
    }

    /**
     * Writes {@code root} as TOML.
     *
     * @param inlineDeep false: every table under a {@code [header]} and every array of tables as {@code [[entries]]},
     *     so each key has a line of its own; true: tables three or more segments deep (a pool's {@code policy}, a
     *     schedule segment, a {@code [[sweep.vary]]} entry) written inline, as the shipped files write them
     */
    static Written write(Tab root, boolean inlineDeep) {
        Writer w = new Writer(inlineDeep);
        w.table(root, List.of());
        return new Written(String.join("\n", w.lines) + "\n", w.at, w.headers, w.keyLines);
    }

    private static final class Writer {
        final boolean inlineDeep;
        final List<String> lines = new ArrayList<>();
        final Map<String, Integer> at = new TreeMap<>();
        final List<Integer> headers = new ArrayList<>();
        final List<Integer> keyLines = new ArrayList<>();

        Writer(boolean inlineDeep) {
            this.inlineDeep = inlineDeep;
        }

        boolean header(List<Object> path) {
            return !inlineDeep || path.size() < 3;
        }

        void table(Tab t, List<Object> path) {
            for (Map.Entry<String, Node> e : t.entries.entrySet()) {
                List<Object> p = append(path, e.getKey());
                Node v = e.getValue();
                boolean underHeader = (v instanceof Tab && header(p))
                        || (v instanceof Arr a && a.ofTables() && header(append(p, 0)));
                if (!underHeader) {
                    lines.add(key(e.getKey()) + " = " + inline(v));
                    keyLines.add(lines.size());
                    record(p, v, lines.size());
                }
            }
            for (Map.Entry<String, Node> e : t.entries.entrySet()) {
                List<Object> p = append(path, e.getKey());
                Node v = e.getValue();
                if (v instanceof Tab sub && header(p)) {
                    lines.add("[" + headerName(p) + "]");
                    headers.add(lines.size());
                    at.put(name(p), lines.size());
                    table(sub, p);
                }
            }
            for (Map.Entry<String, Node> e : t.entries.entrySet()) {
                List<Object> p = append(path, e.getKey());
                if (e.getValue() instanceof Arr a && a.ofTables() && header(append(p, 0))) {
                    for (int i = 0; i < a.items.size(); i++) {
                        lines.add("[[" + headerName(p) + "]]");
                        at.put(name(append(p, i)), lines.size());
                        if (i == 0) {
                            at.put(name(p), lines.size());
                        }
                        table((Tab) a.items.get(i), append(p, i));
                    }
                }
            }
        }

        /** Headers name keys only: {@code [[load.schedule]]} is the last {@code [[load]]}'s. */
        private static String headerName(List<Object> path) {
            StringBuilder b = new StringBuilder();
            for (Object seg : path) {
                if (seg instanceof String s) {
                    b.append(b.length() > 0 ? "." : "").append(key(s));
                }
            }
            return b.toString();
        }

        void record(List<Object> p, Node v, int line) {
            at.put(name(p), line);
            if (v instanceof Tab t) {
                t.entries.forEach((k, c) -> record(append(p, k), c, line));
            } else if (v instanceof Arr a) {
                for (int i = 0; i < a.items.size(); i++) {
                    record(append(p, i), a.items.get(i), line);
                }
            }
        }

        static String inline(Node v) {
            if (v instanceof Lit l) {
                return l.toml();
            }
            if (v instanceof Arr a) {
                List<String> items = new ArrayList<>();
                a.items.forEach(i -> items.add(inline(i)));
                return "[" + String.join(", ", items) + "]";
            }
            Tab t = (Tab) v;
            List<String> items = new ArrayList<>();
            t.entries.forEach((k, c) -> items.add(key(k) + " = " + inline(c)));
            return items.isEmpty() ? "{}" : "{ " + String.join(", ", items) + " }";
        }
    }
}
