package org.caniclab.sim.cli;

import java.nio.file.Path;

/** Wraps an unexpected failure with the folder its {@code error.log} should go to (exit code 4). */
final class InternalFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path logDir;

    InternalFailure(Path logDir, Throwable cause) {
        super(cause);
        this.logDir = logDir;
    }

    Path logDir() {
        return logDir;
    }
}
