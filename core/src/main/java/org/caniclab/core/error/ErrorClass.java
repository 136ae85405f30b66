package org.caniclab.core.error;

/** The class of an internal error, as Canic's {@code InternalErrorClass}; it decides the metric reason and public code. */
public enum ErrorClass {
    ACCESS,
    DOMAIN,
    INFRA,
    INVARIANT,
    OPS,
    WORKFLOW
}
