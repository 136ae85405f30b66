package org.caniclab.sim.substrate;

import java.math.BigInteger;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;

/**
 * One session on a networked IC — a PocketIC instance, a local replica, mainnet — that plays root: it creates
 * canisters. What each backend provides; {@link OrchestrationReplay} does the rest (the hub thread, the driver,
 * grouping, waiting, the result), so that a new backend is an adapter of this interface, not a copy of a replay.
 *
 * <pre>{@code
 * try (RemoteIc ic = PocketIcRemote.builder(instance).sender(root).build()) {
 *     RunResult r = OrchestrationReplay.run(scenario, ic, "pocketic", OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
 * }
 * }</pre>
 */
public interface RemoteIc extends AutoCloseable {
    /** Names the endpoint in messages, e.g. {@code PocketIC server at http://127.0.0.1:8080}; never a secret. */
    String describe();

    /** The endpoint's time (ns since the epoch) as of its last answer; never blocks. */
    long lastKnownTime();

    /** Reads the endpoint's current time now; may block on the network. */
    long syncTime();

    /**
     * Creates one canister for the request with {@code cycles}. Completes on any thread, normally with an outcome
     * ({@link CreateOutcome.Failed} carries the Canic error the rejection maps to); exceptionally only with
     * {@link SubstrateUnavailableException} (the endpoint unreachable, timed out, or untrusted).
     */
    CompletionStage<CreateOutcome> createCanister(CreateRequest request, BigInteger cycles);

    /** Canisters created so far, for messages. */
    long createdCount();

    @Override
    void close();
}
