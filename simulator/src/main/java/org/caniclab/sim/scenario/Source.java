package org.caniclab.sim.scenario;

import java.util.HashMap;
import java.util.Map;

/**
 * A TOML file being read: the name to show in errors, its parsed tree (whose nodes carry the parser's
 * lines), and which keys {@code --set} replaced (errors about those name the override instead of a line).
 */
final class Source {
    private final String display;
    private final TomlNode.Table root;
    // Looked up by path only; never iterated.
    private final Map<String, String> overrides = new HashMap<>();
    // For overrides a [sweep] value supplied: where in the file that value was written. Looked up only.
    private final Map<String, Origin> origins = new HashMap<>();

    /**
     * Where an override written in the file itself came from: a {@code [[sweep.vary]]} value, at its line and key
     * path ({@code sweep.vary[0].values[2]}), so that an error it causes names the file's line, not a {@code --set}.
     */
    record Origin(int line, String keyPath) {}

    Source(String display, TomlNode.Table root) {
        this.display = display;
        this.root = root;
    }

    String display() {
        return display;
    }

    TomlNode.Table root() {
        return root;
    }

    void overridden(KeyPath path, String argument) {
        overrides.put(path.toString(), argument);
    }

    /** As {@link #overridden(KeyPath, String)}, for an override that a value written at {@code origin} supplied. */
    void overridden(KeyPath path, String argument, Origin origin) {
        overridden(path, argument);
        if (origin != null) {
            origins.put(path.toString(), origin);
        }
    }

    /** The error an override that came from {@code origin} causes: at the origin's line, naming the override. */
    ScenarioException error(Origin origin, String argument, String problem) {
        return new ScenarioException(display, origin.line(), origin.keyPath(), argument + ": " + problem);
    }

    /** An error at {@code path}, located by line, or by the {@code --set} that supplied the value. */
    ScenarioException error(KeyPath path, String problem) {
        for (KeyPath p = path; p != null && !p.isRoot(); p = p.parent()) {
            String arg = overrides.get(p.toString());
            Origin origin = arg == null ? null : origins.get(p.toString());
            if (origin != null) {
                return error(origin, arg, problem);
            }
            if (arg != null) {
                return new ScenarioException(display, 0, path + " (from --set " + arg + ")", problem);
            }
        }
        return new ScenarioException(display, lineOf(path), path.toString(), problem);
    }

    /**
     * The line of {@code path}, else of its nearest enclosing key that the file wrote (a missing key is
     * reported at its table), else 0.
     */
    int lineOf(KeyPath path) {
        TomlNode node = root;
        int line = 0;
        for (Object segment : path.segments()) {
            TomlNode next = null;
            if (node instanceof TomlNode.Table t && segment instanceof String key) {
                next = t.get(key);
            } else if (node instanceof TomlNode.Array a && segment instanceof Integer i && i >= 0 && i < a.size()) {
                next = a.get(i);
            }
            if (next == null) {
                break;
            }
            if (next.line() > 0) {
                line = next.line();
            }
            node = next;
        }
        return line;
    }
}
