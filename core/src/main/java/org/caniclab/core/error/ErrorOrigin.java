package org.caniclab.core.error;

/** Where an internal error was raised, as Canic's {@code InternalErrorOrigin}. */
public enum ErrorOrigin {
    CONFIG,
    DOMAIN,
    INFRA,
    OPS,
    WORKFLOW
}
