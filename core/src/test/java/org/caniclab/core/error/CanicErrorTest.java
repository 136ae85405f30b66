package org.caniclab.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CanicErrorTest {

    /** §1.8 by class, written independently. */
    private static ErrorCode expected(ErrorClass cls, ErrorOrigin origin) {
        switch (cls) {
            case ACCESS:
                return ErrorCode.UNAUTHORIZED;
            case DOMAIN:
                return origin == ErrorOrigin.CONFIG ? ErrorCode.INVALID_INPUT : ErrorCode.CONFLICT;
            case INVARIANT:
                return ErrorCode.INVARIANT_VIOLATION;
            default:
                return ErrorCode.INTERNAL;
        }
    }

    @Test
    void mapsEveryClassAndOriginToTheSpecPublicCode() {
        for (ErrorClass cls : ErrorClass.values()) {
            for (ErrorOrigin origin : ErrorOrigin.values()) {
                CanicError e = CanicError.of(cls, origin, "m");
                assertEquals(expected(cls, origin), e.publicCode(), cls + "/" + origin);
                assertEquals(Optional.empty(), e.carried());
            }
        }
    }

    @Test
    void passesRootRejectionCodesThroughUnchanged() {
        for (ErrorCode code : ErrorCode.values()) {
            CanicError e = CanicError.remote(code, "root: " + code);
            assertEquals(code, e.publicCode());
            assertEquals(Optional.of(code), e.carried());
            assertEquals(ErrorClass.DOMAIN, e.errorClass());
            assertEquals("root: " + code, e.getMessage());
        }
    }

    @Test
    void classifiesForeignThrowablesAsOpsTransportFailures() {
        CanicError e = CanicError.classify(new IllegalStateException("socket closed"));
        assertEquals(ErrorClass.OPS, e.errorClass());
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertTrue(e.getMessage().contains("socket closed"), e.getMessage());
    }

    @Test
    void classifyUnwrapsCompletionAndExecutionExceptions() {
        CanicError inner = CanicError.remote(ErrorCode.RESOURCE_EXHAUSTED, "full");
        assertSame(inner, CanicError.classify(new CompletionException(inner)));
        assertSame(inner, CanicError.classify(new ExecutionException(new CompletionException(inner))));
        assertSame(inner, CanicError.classify(inner));
    }

    @Test
    void printsPublicCodeAndMessage() {
        assertEquals("CONFLICT: scaling pool 'x' not found",
                CanicError.domain(ErrorOrigin.DOMAIN, "scaling pool 'x' not found").toString());
    }
}
