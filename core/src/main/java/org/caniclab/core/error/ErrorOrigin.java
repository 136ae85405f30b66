package org.caniclab.core.error;

/** Where an internal error was raised: exactly Canic 0.33.3's {@code InternalErrorOrigin}. */
public enum ErrorOrigin {
    ACCESS,
    CONFIG,
    DOMAIN,
    INFRA,
    OPS,
    STORAGE,
    WORKFLOW
}
