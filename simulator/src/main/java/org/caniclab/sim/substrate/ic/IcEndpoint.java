package org.caniclab.sim.substrate.ic;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.caniclab.core.ic.Principal;

/**
 * Which IC the backend talks to, and how it creates canisters there.
 *
 * <ul>
 *   <li>{@link Mode#LOCAL} ({@code --ic-url}): a local replica, an icp-cli network launcher or PocketIC's HTTP
 *       gateway. Its root key is fetched from {@code /api/v2/status}; canisters are made with the management
 *       canister's {@code provisional_create_canister_with_cycles}, routed by the effective canister id (the
 *       option, else the status' {@code default_effective_canister_id}, else {@link #LOCAL_DEFAULT_ECID}).</li>
 *   <li>{@link Mode#MAINNET} ({@code --mainnet}): the built-in root key, never fetched; canisters are made and paid
 *       for through the cycles ledger's {@code create_canister}.</li>
 * </ul>
 *
 * <pre>{@code
 * IcEndpoint local = IcEndpoint.local(URI.create("http://127.0.0.1:4943"), Optional.empty());
 * IcEndpoint main = IcEndpoint.mainnet(IcEndpoint.MAINNET_URL);
 * }</pre>
 */
public record IcEndpoint(Mode mode, URI url, Optional<Principal> effectiveCanisterId) {
    /** Where a local endpoint is, or mainnet. */
    public enum Mode { LOCAL, MAINNET }

    /** The mainnet API boundary nodes. */
    public static final URI MAINNET_URL = URI.create("https://icp-api.io");
    /** The effective canister id dfx-style local replicas route creations by: {@code rwlgt-iiaaa-aaaaa-aaaaa-cai}. */
    public static final Principal LOCAL_DEFAULT_ECID = Principal.canisterId(0);

    public IcEndpoint {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(effectiveCanisterId, "effectiveCanisterId");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an endpoint URL; accepted: http://HOST:PORT or "
                    + "https://HOST[:PORT], e.g. http://127.0.0.1:4943");
        }
        if (url.getUserInfo() != null || url.getQuery() != null || url.getFragment() != null) {
            // The URL is printed in messages and reports; credentials in it would be too.
            throw new IllegalArgumentException("'" + url.getScheme() + "://" + url.getHost() + "...' carries user "
                    + "info, a query or a fragment; accepted: http://HOST:PORT[/PATH] or https://HOST[:PORT][/PATH]");
        }
        if (mode == Mode.MAINNET && effectiveCanisterId.isPresent()) {
            throw new IllegalArgumentException("mainnet creates through the cycles ledger, whose id is the effective "
                    + "canister id; an effective canister id applies to --ic-url only");
        }
    }

    public static IcEndpoint local(URI url, Optional<Principal> effectiveCanisterId) {
        return new IcEndpoint(Mode.LOCAL, url, effectiveCanisterId);
    }

    public static IcEndpoint mainnet(URI url) {
        return new IcEndpoint(Mode.MAINNET, url, Optional.empty());
    }

    /** For messages: {@code IC endpoint http://127.0.0.1:4943} or {@code IC mainnet at https://icp-api.io}. */
    public String describe() {
        return mode == Mode.LOCAL ? "IC endpoint " + url : "IC mainnet at " + url;
    }
}
