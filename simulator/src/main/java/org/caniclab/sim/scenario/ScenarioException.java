package org.caniclab.sim.scenario;

/**
 * A scenario (or a file it refers to: {@code canic.toml}, a trace) that cannot be loaded. The message is one
 * line in the form {@code <file>[:<line>]: <key path>: <problem>; accepted: <what is accepted>}, so that an
 * editor or terminal can jump to the place; the CLI prints it as is and exits with 2.
 *
 * <pre>{@code
 * try {
 *     ScenarioLoader.load(path, List.of("hub.mode=reserved"));
 * } catch (ScenarioException e) {
 *     System.err.println("error: " + e.getMessage());   // scenarios/x.toml:7: hub.mode: ...
 * }
 * }</pre>
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String keyPath;
    private final String problem;

    /**
     * @param file the file as the user named it
     * @param line 1-based line, or 0 when unknown
     * @param keyPath the key path ({@code pools.api.policy.max_workers}, {@code load[1].rate}); may be empty
     * @param problem what is wrong and what is accepted
     */
    public ScenarioException(String file, int line, String keyPath, String problem) {
        this(file, line, keyPath, problem, null);
    }

    public ScenarioException(String file, int line, String keyPath, String problem, Throwable cause) {
        super(format(file, line, keyPath, problem), cause);
        this.file = file;
        this.line = line;
        this.keyPath = keyPath == null ? "" : keyPath;
        this.problem = problem;
    }

    private static String format(String file, int line, String keyPath, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) {
            b.append(keyPath).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The file as the user named it (scenario, {@code canic.toml} or trace). */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it is not known (e.g. a {@code --set} override). */
    public int line() {
        return line;
    }

    /** The key path of the problem, e.g. {@code pools.api.policy.max_workers}; empty for file-level problems. */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong and what is accepted, without the location. */
    public String problem() {
        return problem;
    }
}
