package org.caniclab.sim.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line a key was written on, for errors found after parsing (Jackson's TOML tree carries no
 * locations). A lenient structural scan of a file that has already parsed: table headers, arrays of tables,
 * dotted keys, inline tables and inline arrays are followed; values are skipped.
 */
final class TomlLines {
    // Only looked up, never iterated, so a HashMap cannot leak an order into any output.
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Integer> arrayCounts = new HashMap<>();
    private final String text;
    private final int[] lineStarts;
    private int pos;

    private TomlLines(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indexes a TOML text; never fails (unrecognised text is skipped). */
    static TomlLines index(String text) {
        TomlLines t = new TomlLines(text);
        try {
            t.document();
        } catch (RuntimeException e) {
            // A best-effort index: whatever was found before the scanner got lost is still useful.
        }
        return t;
    }

    /** The 1-based line of {@code path}, else of its nearest enclosing key that was written down, else 0. */
    int lineOf(KeyPath path) {
        for (KeyPath p = path; p != null && !p.isRoot(); p = p.parent()) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private void record(KeyPath path, int at) {
        int idx = Arrays.binarySearch(lineStarts, at);
        int line = idx >= 0 ? idx + 1 : -idx - 1;
        lines.putIfAbsent(path.toString(), line);
    }

    private void document() {
        KeyPath prefix = KeyPath.ROOT;
        while (true) {
            skipBlank(true);
            if (pos >= text.length()) {
                return;
            }
            int start = pos;
            if (peek() == '[') {
                boolean array = peekAt(1) == '[';
                pos += array ? 2 : 1;
                List<String> key = key();
                prefix = header(key, array);
                record(prefix, start);
                skipToLineEnd();
            } else {
                keyValue(prefix);
                skipToLineEnd();
            }
        }
    }

    private KeyPath header(List<String> key, boolean array) {
        KeyPath p = KeyPath.ROOT;
        for (int i = 0; i < key.size(); i++) {
            p = p.child(key.get(i));
            String name = p.toString();
            boolean last = i == key.size() - 1;
            if (last && array) {
                int n = arrayCounts.merge(name, 1, Integer::sum);
                p = p.index(n - 1);
            } else if (arrayCounts.containsKey(name)) {
                p = p.index(arrayCounts.get(name) - 1);
            }
        }
        return p;
    }

    private void keyValue(KeyPath prefix) {
        int start = pos;
        List<String> key = key();
        if (key.isEmpty()) {
            pos++; // not a key: step over the character so the scan always advances
            return;
        }
        KeyPath p = prefix;
        for (String k : key) {
            p = p.child(k);
            record(p, start);
        }
        skipBlank(false);
        if (peek() == '=') {
            pos++;
            value(p);
        }
    }

    private void value(KeyPath p) {
        skipBlank(false);
        char c = peek();
        if (c == '{') {
            pos++;
            while (pos < text.length()) {
                skipBlank(true);
                if (peek() == '}') {
                    pos++;
                    return;
                }
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                keyValue(p);
            }
        } else if (c == '[') {
            pos++;
            int i = 0;
            while (pos < text.length()) {
                skipBlank(true);
                if (peek() == ']') {
                    pos++;
                    return;
                }
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                KeyPath element = p.index(i++);
                record(element, pos);
                int before = pos;
                value(element);
                if (pos == before) {
                    pos++;
                }
            }
        } else if (c == '"' || c == '\'') {
            string();
        } else {
            while (pos < text.length() && ",]}#\n\r".indexOf(peek()) < 0) {
                pos++;
            }
        }
    }

    private List<String> key() {
        List<String> parts = new ArrayList<>();
        while (pos < text.length()) {
            skipBlank(false);
            char c = peek();
            if (c == '"' || c == '\'') {
                parts.add(string());
            } else {
                int start = pos;
                while (pos < text.length() && isBare(peek())) {
                    pos++;
                }
                if (pos == start) {
                    return parts;
                }
                parts.add(text.substring(start, pos));
            }
            skipBlank(false);
            if (peek() != '.') {
                return parts;
            }
            pos++;
        }
        return parts;
    }

    /** Reads a string at {@code pos} and returns its content (escapes in basic strings resolved roughly). */
    private String string() {
        char q = peek();
        boolean multi = peekAt(1) == q && peekAt(2) == q;
        pos += multi ? 3 : 1;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (q == '"' && c == '\\' && pos + 1 < text.length()) {
                b.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == q && (!multi || (peekAt(1) == q && peekAt(2) == q))) {
                pos += multi ? 3 : 1;
                // A multi-line string may end with up to two extra quotes that belong to its content.
                while (multi && peek() == q) {
                    pos++;
                }
                return b.toString();
            }
            if (c == '\n' && !multi) {
                return b.toString();
            }
            b.append(c);
            pos++;
        }
        return b.toString();
    }

    private void skipBlank(boolean newlines) {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void skipToLineEnd() {
        while (pos < text.length() && peek() != '\n') {
            char c = peek();
            if (c == '"' || c == '\'') {
                string();
            } else {
                pos++;
            }
        }
    }

    private char peek() {
        return peekAt(0);
    }

    private char peekAt(int offset) {
        int i = pos + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isBare(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
