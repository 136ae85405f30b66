package org.caniclab.sim.substrate.ic;

import java.util.Optional;
import org.caniclab.core.ic.Principal;

/**
 * The project's own view of an IC agent: the few things the IC backend asks of an endpoint, so that ic4j 0.7.2 (which
 * speaks only the {@code /api/v2} endpoints, spec §C.5) can be replaced by a newer agent or a hand-written
 * {@code /api/v4} call + {@code /api/v3} read_state path without touching the backend. Every method blocks; call them
 * off the hub thread. Failures: {@link CallRejectedException} for a certified reject, {@link AgentException} for
 * everything else.
 *
 * <pre>{@code
 * try (IcAgent agent = Ic4jAgent.connect(url, identity, AgentTimeouts.DEFAULT)) {
 *     agent.trustRootKey(agent.status().rootKey().orElseThrow());
 *     byte[] reply = agent.update(Principal.managementCanister(), ecid, "provisional_create_canister_with_cycles", arg);
 * }
 * }</pre>
 */
interface IcAgent extends AutoCloseable {
    /** What talks to the endpoint, for {@code run-info.json}: e.g. {@code ic4j-agent 0.7.2}. */
    String implementation();

    /** The principal messages are signed as. */
    Principal sender();

    /** {@code GET /api/v2/status}: unauthenticated facts about the endpoint. */
    EndpointStatus status();

    /** Verifies every later certificate against this DER-encoded BLS key instead of the mainnet key. */
    void trustRootKey(byte[] der);

    /**
     * Sends an update call and polls its certified status until it is replied or rejected, or the call deadline
     * passes ({@link AgentException.Kind#TIMEOUT}).
     *
     * @return the reply's Candid bytes
     * @throws CallRejectedException when the IC rejected the call
     */
    byte[] update(Principal canister, Principal effectiveCanisterId, String method, byte[] arg);

    /** Reads the certified time (ns since the epoch) through {@code read_state}. */
    long readTime(Principal effectiveCanisterId);

    /** The certified time of the last certificate read; 0 before the first. Never blocks. */
    long lastCertifiedTime();

    @Override
    void close();

    /**
     * What {@code /api/v2/status} says.
     *
     * @param rootKey the DER BLS root key, when the endpoint publishes one (local replicas, PocketIC; mainnet too,
     *     but there it must not be trusted)
     * @param defaultEffectiveCanisterId where the endpoint routes creations, when it says (icp-cli network launchers)
     * @param implVersion the replica's version, or empty
     */
    record EndpointStatus(Optional<byte[]> rootKey, Optional<Principal> defaultEffectiveCanisterId,
            String implVersion) {
        public EndpointStatus {
            rootKey = rootKey.map(byte[]::clone);
        }
    }
}
