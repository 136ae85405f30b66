package org.caniclab.sim.load;

import java.nio.file.Path;

/**
 * A load trace that cannot be replayed: unreadable, or a row that is malformed, out of order or names an
 * unknown pool. The message names the file and the line, and says what is accepted.
 */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    public TraceFormatException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    public TraceFormatException(Path file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is with the file as a whole. */
    public long line() {
        return line;
    }
}
