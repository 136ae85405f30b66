package org.caniclab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed TOML value and the line it was written on, as the loader walks it: tables keep the file's key
 * order, integers are exact ({@link BigInteger}, so a value past 64 bits can still be named in an error),
 * and {@code --set} overrides replace values in place (with line 0: errors about them name the override).
 */
sealed interface TomlNode {
    /** The 1-based line of the key (or array element) that holds this value; 0 when not from the file. */
    int line();

    /** A table; mutable so that {@code --set} can replace or add entries before validation. */
    final class Table implements TomlNode {
        private final Map<String, TomlNode> entries = new LinkedHashMap<>();
        private final int line;

        Table(int line) {
            this.line = line;
        }

        @Override
        public int line() {
            return line;
        }

        TomlNode get(String key) {
            return entries.get(key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        void put(String key, TomlNode value) {
            entries.put(key, value);
        }

        /** Keys in the order the file wrote them. */
        List<String> keys() {
            return new ArrayList<>(entries.keySet());
        }

        int size() {
            return entries.size();
        }
    }

    /** An array; mutable for {@code --set} like {@link Table}. */
    final class Array implements TomlNode {
        private final List<TomlNode> items = new ArrayList<>();
        private final int line;

        Array(int line) {
            this.line = line;
        }

        @Override
        public int line() {
            return line;
        }

        List<TomlNode> items() {
            return items;
        }

        int size() {
            return items.size();
        }

        TomlNode get(int i) {
            return items.get(i);
        }
    }

    record Str(String value, int line) implements TomlNode {}

    record Int(BigInteger value, int line) implements TomlNode {}

    record Float(double value, int line) implements TomlNode {}

    record Bool(boolean value, int line) implements TomlNode {}

    /** A date, time or date-time: valid TOML, accepted by no scenario key. */
    record Other(String text, int line) implements TomlNode {}

    /** How messages name a value: {@code the string "x"}, {@code the integer 3}, {@code a table}. */
    static String describe(TomlNode v) {
        if (v instanceof Str s) {
            return "the string \"" + s.value() + "\"";
        }
        if (v instanceof Int i) {
            return "the integer " + i.value();
        }
        if (v instanceof Float f) {
            return "the number " + (Double.isFinite(f.value())
                    ? BigDecimal.valueOf(f.value()).stripTrailingZeros().toPlainString() : Double.toString(f.value()));
        }
        if (v instanceof Bool b) {
            return "the boolean " + b.value();
        }
        if (v instanceof Array) {
            return "an array";
        }
        if (v instanceof Table) {
            return "a table";
        }
        return "the date/time " + ((Other) v).text();
    }

    /** The value as written in messages ({@code -5}, {@code 2.5}, {@code reserved}). */
    static String text(TomlNode v) {
        if (v instanceof Str s) {
            return s.value();
        }
        if (v instanceof Int i) {
            return i.value().toString();
        }
        if (v instanceof Float f) {
            return Double.toString(f.value());
        }
        if (v instanceof Bool b) {
            return Boolean.toString(b.value());
        }
        return describe(v);
    }
}
