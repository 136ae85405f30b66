package org.caniclab.sim.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Parses TOML text with tomlj into {@link TomlNode}s that carry the line of every key, as tomlj reports it.
 *
 * <p>TOML integers are 64-bit, and tomlj rejects a literal past that range as a syntax error that names no
 * key. So that such a value gets the same message as any out-of-range value ({@code file:line: key: ... is
 * out of range; accepted: ...}), each literal tomlj reports as too large is read exactly (it lies at the
 * position tomlj gives) and the text is parsed again with it in a placeholder string, which is then turned
 * back into the exact integer. Values are never rounded or truncated.
 */
final class TomlDocument {
    // A placeholder string starts with NUL, which a scenario writes only as the escape \u0000.
    private static final char MARK = '\u0000';
    private static final String TOO_LARGE = "Integer is too large";
    private static final String TOO_SMALL = "Integer is too small";

    private TomlDocument() {}

    /**
     * Parses a whole file.
     *
     * @throws ScenarioException on a syntax error, at the line tomlj reports
     */
    static TomlNode.Table parse(String text, String display) {
        TomlParseResult result = Toml.parse(text);
        Map<String, BigInteger> big = new HashMap<>();
        String parsed = text;
        if (result.hasErrors()) {
            parsed = patchLargeIntegers(text, result.errors(), big);
            if (parsed == null) {
                throw syntaxError(display, first(result.errors()));
            }
            result = Toml.parse(parsed);
            if (result.hasErrors()) {
                throw syntaxError(display, first(result.errors()));
            }
        }
        return new Converter(parsed, big).table(result, 0);
    }

    /**
     * Parses one {@code --set} value as TOML ({@code 7}, {@code "x"}, {@code [1, 2]}), or null when the text
     * is not a TOML value (then the caller takes it as a bare string).
     */
    static TomlNode value(String text) {
        String doc = "v = " + text + "\n";
        TomlParseResult result = Toml.parse(doc);
        Map<String, BigInteger> big = new HashMap<>();
        String parsed = doc;
        if (result.hasErrors()) {
            parsed = patchLargeIntegers(doc, result.errors(), big);
            if (parsed == null) {
                return null;
            }
            result = Toml.parse(parsed);
            if (result.hasErrors()) {
                return null;
            }
        }
        if (result.size() != 1 || !result.contains(List.of("v"))) {
            return null;
        }
        // An override's value has no line of its own: errors about it name the --set argument.
        return new Converter(parsed, big).zeroLines().node(result.get(List.of("v")), 0);
    }

    private static TomlParseError first(List<TomlParseError> errors) {
        return errors.stream().min(Comparator.comparingInt((TomlParseError e) -> e.position().line())
                .thenComparingInt(e -> e.position().column())).orElseThrow();
    }

    private static ScenarioException syntaxError(String display, TomlParseError e) {
        TomlPosition at = e.position();
        String msg = e.getMessage();
        // A bare word where a value belongs (mode = reserved): the likeliest slip in a scenario.
        String hint = msg != null && msg.matches("Unexpected '[A-Za-z]', expected .*a number.*")
                ? "; strings need double quotes, e.g. mode = \"reserved\"" : "";
        String col = at == null || at.column() <= 0 ? "" : " at column " + at.column();
        return new ScenarioException(display, at == null ? 0 : at.line(), "", "TOML syntax error" + col + ": " + msg
                + hint);
    }

    /**
     * The text with every integer literal that tomlj found out of the 64-bit range replaced by a placeholder
     * string (recorded in {@code big}); null when some error is of another kind or a literal cannot be read.
     */
    private static String patchLargeIntegers(String text, List<TomlParseError> errors, Map<String, BigInteger> big) {
        int[] lineStarts = lineStarts(text);
        record Literal(int start, int end, BigInteger value) {}
        List<Literal> literals = new ArrayList<>();
        for (TomlParseError e : errors) {
            if (!(TOO_LARGE.equals(e.getMessage()) || TOO_SMALL.equals(e.getMessage())) || e.position() == null) {
                return null;
            }
            int line = e.position().line();
            if (line < 1 || line > lineStarts.length) {
                return null;
            }
            int start = lineStarts[line - 1] + e.position().column() - 1;
            int end = start;
            while (end < text.length() && isLiteralChar(text.charAt(end))) {
                end++;
            }
            BigInteger value = start < end ? integer(text.substring(start, end)) : null;
            if (value == null) {
                return null;
            }
            literals.add(new Literal(start, end, value));
        }
        literals.sort(Comparator.comparingInt(Literal::start).reversed());
        StringBuilder b = new StringBuilder(text);
        int n = 0;
        for (Literal l : literals) {
            String key = MARK + Integer.toString(n++);
            big.put(key, l.value());
            b.replace(l.start(), l.end(), "\"\\u0000" + key.substring(1) + "\"");
        }
        return b.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isLiteralChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '+'
                || c == '-';
    }

    /** A TOML integer literal ({@code -1_000}, {@code 0xFF}, {@code 0o7}, {@code 0b1}) exactly, or null. */
    static BigInteger integer(String literal) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        if (s.length() > 2 && s.charAt(0) == '0' && "xob".indexOf(s.charAt(1)) >= 0) {
            radix = switch (s.charAt(1)) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            s = s.substring(2);
        }
        BigInteger v;
        try {
            v = new BigInteger(s, radix);
        } catch (NumberFormatException e) {
            return null;
        }
        return negative ? v.negate() : v;
    }

    // ---- tomlj values to nodes ----

    /** Turns tomlj's tree into nodes, each with the line its key or array element was written on. */
    private static final class Converter {
        private final String text;
        private final int[] lineStarts;
        private final Map<String, BigInteger> big;
        private boolean lines = true;

        Converter(String text, Map<String, BigInteger> big) {
            this.text = text;
            this.lineStarts = lineStarts(text);
            this.big = big;
        }

        Converter zeroLines() {
            lines = false;
            return this;
        }

        TomlNode.Table table(TomlTable t, int line) {
            TomlNode.Table out = new TomlNode.Table(line);
            for (String key : t.keySet()) {
                List<String> path = List.of(key);
                out.put(key, node(t.get(path), keyLine(t.inputPositionOf(path))));
            }
            return out;
        }

        TomlNode node(Object v, int line) {
            if (v instanceof TomlTable t) {
                return table(t, line);
            }
            if (v instanceof TomlArray a) {
                TomlNode.Array out = new TomlNode.Array(line);
                for (int i = 0; i < a.size(); i++) {
                    out.items().add(node(a.get(i), elementLine(a.inputPositionOf(i))));
                }
                return out;
            }
            if (v instanceof String s) {
                BigInteger exact = s.isEmpty() || s.charAt(0) != MARK ? null : big.get(s);
                return exact != null ? new TomlNode.Int(exact, line) : new TomlNode.Str(s, line);
            }
            if (v instanceof Long l) {
                return new TomlNode.Int(BigInteger.valueOf(l), line);
            }
            if (v instanceof Double d) {
                return new TomlNode.Float(d, line);
            }
            if (v instanceof Boolean b) {
                return new TomlNode.Bool(b, line);
            }
            return new TomlNode.Other(String.valueOf(v), line);
        }

        private int keyLine(TomlPosition p) {
            return !lines || p == null ? 0 : p.line();
        }

        /**
         * tomlj places an array element where the text after the previous element (or the opening bracket)
         * begins; the element itself starts after the blanks, line ends and comments that follow.
         */
        private int elementLine(TomlPosition p) {
            if (!lines || p == null || p.line() < 1 || p.line() > lineStarts.length) {
                return keyLine(p);
            }
            int line = p.line();
            int i = lineStarts[line - 1] + Math.max(0, p.column() - 1);
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                } else if (c == '#') {
                    while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                        i++;
                    }
                } else if (c != ' ' && c != '\t' && c != '\r' && c != ',') {
                    break;
                }
                i++;
            }
            return line;
        }
    }
}
