package org.caniclab.sim.input;

/**
 * A trace that cannot be read as one: a malformed row, time going backwards, an unknown pool, bytes that
 * are not UTF-8. {@link #line()} is the 1-based line (0 for the file as a whole); {@link #problem()} says
 * what is wrong and what is accepted, without the location, which the caller adds with its own context
 * (the scenario loader with the {@code [[load]]} key, the engine with the file).
 */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String problem;

    public TraceException(long line, String problem, Throwable cause) {
        super((line > 0 ? "line " + line + ": " : "") + problem, cause);
        this.line = line;
        this.problem = problem;
    }

    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
