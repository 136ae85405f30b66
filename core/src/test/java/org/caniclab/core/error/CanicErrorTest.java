package org.caniclab.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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

    @Test
    void hasExactlyCanic0333sErrorCodesInItsOrder() {
        // dto/error.rs at d6ea5e3, in its #[remain::sorted] order
        assertEquals(List.of("Conflict", "Forbidden", "Internal", "InvalidInput", "InvariantViolation", "NotFound",
                        "PolicyInstanceRequiresSingletonWithDirectory", "PolicyReplicaRequiresSingletonWithScaling",
                        "PolicyRoleAlreadyRegistered", "PolicyShardRequiresSingletonWithSharding",
                        "PolicySingletonAlreadyRegisteredUnderParent", "ResourceExhausted", "Unauthorized",
                        "Unavailable"),
                Arrays.stream(ErrorCode.values()).map(ErrorCode::canicName).toList());
        for (ErrorCode c : ErrorCode.values()) { // the Java name is the Canic name in upper snake case
            assertEquals(c.name(), c.canicName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(), c::toString);
        }
    }

    @Test
    void hasExactlyCanic0333sOrigins() {
        assertEquals(List.of("ACCESS", "CONFIG", "DOMAIN", "INFRA", "OPS", "STORAGE", "WORKFLOW"),
                Arrays.stream(ErrorOrigin.values()).map(Enum::name).toList());
    }

    /** The registry-policy phrases of api/error.rs and their codes, in Canic's order of testing. */
    private static final List<String> PHRASES = List.of("already registered to", "already registered under parent",
            "must be created by a singleton parent with scaling config",
            "must be created by a singleton parent with sharding config",
            "must be created by a singleton parent with directory config");
    private static final List<ErrorCode> POLICY_CODES = List.of(ErrorCode.POLICY_ROLE_ALREADY_REGISTERED,
            ErrorCode.POLICY_SINGLETON_ALREADY_REGISTERED_UNDER_PARENT,
            ErrorCode.POLICY_REPLICA_REQUIRES_SINGLETON_WITH_SCALING,
            ErrorCode.POLICY_SHARD_REQUIRES_SINGLETON_WITH_SHARDING,
            ErrorCode.POLICY_INSTANCE_REQUIRES_SINGLETON_WITH_DIRECTORY);

    @Test
    void mapsDomainMessagesNamingARegistryPolicyToItsPolicyCodeForEveryClassAndOrigin() {
        for (ErrorClass cls : ErrorClass.values()) {
            for (ErrorOrigin origin : ErrorOrigin.values()) {
                for (int i = 0; i < PHRASES.size(); i++) {
                    String msg = "role 'app' " + PHRASES.get(i) + " x";
                    ErrorCode expected = cls == ErrorClass.DOMAIN && origin != ErrorOrigin.CONFIG
                            ? POLICY_CODES.get(i) : expected(cls, origin);
                    assertEquals(expected, CanicError.of(cls, origin, msg).publicCode(), cls + "/" + origin + ": " + msg);
                }
            }
        }
    }

    @Test
    void theFirstMatchingPhraseInCanicsOrderWins() {
        String both = "must be created by a singleton parent with directory config; already registered to p";
        assertEquals(ErrorCode.POLICY_ROLE_ALREADY_REGISTERED,
                CanicError.domain(ErrorOrigin.DOMAIN, both).publicCode());
        assertEquals(ErrorCode.CONFLICT, CanicError.domain(ErrorOrigin.WORKFLOW, "already registered").publicCode());
        // the refusal is a Domain error of the workflow: its text is matched too, as in Canic
        assertEquals(ErrorCode.POLICY_ROLE_ALREADY_REGISTERED,
                CanicError.refusal("pool 'already registered to' at max_workers (1/1)").publicCode());
        assertEquals(ErrorCode.CONFLICT, CanicError.refusal("pool 'p' at max_workers (1/1)").publicCode());
    }

    @Test
    void aCarriedCodeIsNotRemappedByItsText() {
        CanicError e = CanicError.remote(ErrorCode.INTERNAL, "role 'app' already registered to aaaaa-aa");
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals(null, CanicError.registryPolicyCode("scaling pool 'x' not found"));
    }

    @Test
    void aRemoteRejectionIsOfDomainClassAndOrigin() {
        CanicError e = CanicError.remote(ErrorCode.RESOURCE_EXHAUSTED, "full");
        assertEquals(ErrorClass.DOMAIN, e.errorClass());
        assertEquals(ErrorOrigin.DOMAIN, e.origin());
    }

    @Test
    void aTrapIsItsOwnKindOfFailure() {
        CanicError t = CanicError.trap("String 'x' too long for BoundedString<64> (65 bytes)");
        assertTrue(t.isTrap());
        assertFalse(t.isRefusal());
        assertEquals(ErrorCode.INTERNAL, t.publicCode());
        assertEquals("canister trapped: String 'x' too long for BoundedString<64> (65 bytes)", t.getMessage());
        for (CanicError other : List.of(CanicError.ops(ErrorOrigin.OPS, "x"), CanicError.refusal("r"),
                CanicError.remote(ErrorCode.INTERNAL, "r"))) {
            assertFalse(other.isTrap(), other::toString);
        }
    }
}
