package org.caniclab.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in a TOML document: table keys and array indices, written as error messages show
 * them, e.g. {@code pools.api.policy.max_workers} or {@code load[1].schedule[0].rate}. Keys that are not
 * bare TOML keys are quoted ({@code pools."eu.api".router}).
 */
record KeyPath(List<Object> segments) {
    static final KeyPath ROOT = new KeyPath(List.of());
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");

    KeyPath {
        segments = List.copyOf(segments);
    }

    KeyPath child(String key) {
        return append(key);
    }

    KeyPath index(int i) {
        return append(i);
    }

    private KeyPath append(Object segment) {
        List<Object> s = new ArrayList<>(segments);
        s.add(segment);
        return new KeyPath(s);
    }

    /** The enclosing path, or null at the root. */
    KeyPath parent() {
        return segments.isEmpty() ? null : new KeyPath(segments.subList(0, segments.size() - 1));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last key (not index) of the path, or "" at the root. */
    String lastKey() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i) instanceof String s) {
                return s;
            }
        }
        return "";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(quote((String) s));
            }
        }
        return b.toString();
    }

    static String quote(String key) {
        if (BARE.matcher(key).matches()) {
            return key;
        }
        return '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
