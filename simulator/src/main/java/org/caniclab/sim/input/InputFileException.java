package org.caniclab.sim.input;

/**
 * An input file that cannot be read, with why in words ({@code "no such file"}, {@code "it is a
 * directory"}, {@code "not a regular file (a FIFO, socket or device)"}, ...). The caller adds which file
 * and what it was for; the reason has no location.
 *
 * <pre>{@code
 * try {
 *     String text = InputFiles.readSmall(path);
 * } catch (InputFileException e) {
 *     System.err.println("cannot read " + path + ": " + e.reason());
 * }
 * }</pre>
 */
public final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public InputFileException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** Why the file cannot be read, e.g. {@code it is a directory}. */
    public String reason() {
        return reason;
    }
}
