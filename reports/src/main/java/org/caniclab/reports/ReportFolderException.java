package org.caniclab.reports;

import java.nio.file.Path;

/**
 * A report folder that cannot be written: the path is not a folder, holds something that is not a report, cannot
 * be created, or another process is writing it. The message is one line, {@code '<path>' <problem>; accepted: ...}
 * (e.g. {@code 'out/x' is a file, not a folder; accepted: ...}); the CLI prints it after {@code --out} and exits
 * with 2 before the run starts.
 *
 * <pre>{@code
 * try (ReportFolder folder = ReportFolder.lock(Path.of("out/steady"))) {
 *     ...
 * } catch (ReportFolderException e) {
 *     System.err.println("error: --out " + e.getMessage());
 * }
 * }</pre>
 */
public final class ReportFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the folder as the caller named it
     * @param problem what is wrong and what is accepted, read after the quoted path ({@code "is empty; accepted: ..."})
     */
    public ReportFolderException(Path path, String problem) {
        this(path, problem, null);
    }

    public ReportFolderException(Path path, String problem, Throwable cause) {
        super("'" + path + "' " + problem, cause);
        this.path = path;
    }

    /** The folder as the caller named it. */
    public Path path() {
        return path;
    }
}
