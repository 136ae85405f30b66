package org.caniclab.sim.scenario;

import java.util.HashMap;
import java.util.Map;

/**
 * A TOML file being read: the name to show in errors, where its keys are written, and which keys
 * {@code --set} replaced (errors about those name the override instead of a line).
 */
final class Source {
    private final String display;
    private final TomlLines lines;
    // Looked up by path only; never iterated.
    private final Map<String, String> overrides = new HashMap<>();

    Source(String display, String text) {
        this.display = display;
        this.lines = TomlLines.index(text);
    }

    String display() {
        return display;
    }

    void overridden(KeyPath path, String argument) {
        overrides.put(path.toString(), argument);
    }

    /** An error at {@code path}, located by line, or by the {@code --set} that supplied the value. */
    ScenarioException error(KeyPath path, String problem) {
        for (KeyPath p = path; p != null && !p.isRoot(); p = p.parent()) {
            String arg = overrides.get(p.toString());
            if (arg != null) {
                return new ScenarioException(display, 0, path + " (from --set " + arg + ")", problem);
            }
        }
        return new ScenarioException(display, lines.lineOf(path), path.toString(), problem);
    }

    /** An error at a known line of this file (e.g. a trace row). */
    ScenarioException errorAtLine(int line, String keyPath, String problem) {
        return new ScenarioException(display, line, keyPath, problem);
    }
}
