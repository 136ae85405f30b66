package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.substrate.NetworkSubstrate;
import org.caniclab.sim.substrate.ic.IcEndpoint;
import org.caniclab.sim.substrate.ic.IcIdentity;
import org.caniclab.sim.substrate.ic.IcSubstrate;
import org.caniclab.sim.substrate.ic.IcUsageException;
import org.caniclab.sim.substrate.pocketic.PocketIcServer;
import org.caniclab.sim.substrate.pocketic.PocketIcSubstrate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The registry of substrates {@code --backend} picks from: each backend makes its {@link Substrate} from the
 * command's options. Adding a backend is a constant here and its substrate package; the commands do not change.
 */
enum Backend {
    /** The embedded simulator (the default). */
    SIM {
        @Override
        Substrate create(Options o) {
            return o.simulator();
        }
    },
    /** The orchestration on a PocketIC server: {@code --pocketic-url}, else one started from POCKET_IC_BIN. */
    POCKETIC {
        @Override
        Substrate create(Options o) {
            if (o.pocketIcUrl() != null) {
                return PocketIcSubstrate.atUrl(o.pocketIcUrl());
            }
            Optional<Path> bin = PocketIcServer.binaryFromEnvironment(o.env());
            if (bin.isPresent()) {
                return PocketIcSubstrate.launching(bin.get(), o.diagnostics());
            }
            return NetworkSubstrate.unavailable("backend pocketic needs a PocketIC server: pass --pocketic-url URL of a running one, or set "
                    + PocketIcServer.ENV_BINARY + " to a pocket-ic binary to start one");
        }
    },
    /** A real IC: a local replica ({@code --ic-url}) or mainnet ({@code --mainnet}), through ic4j-agent. */
    IC {
        @Override
        Substrate create(Options o) {
            IcOptions ic = o.ic();
            if (ic.url() == null && !ic.mainnet()) {
                throw new IcUsageException("backend ic needs an endpoint: pass --ic-url URL of a local replica (e.g. "
                        + "http://127.0.0.1:4943), or --mainnet (with --identity PEM and --yes-spend-cycles)");
            }
            if (ic.identity() != null && ic.anonymous()) {
                throw new IcUsageException("--identity and --anonymous exclude each other; pass one of them");
            }
            if (ic.identity() == null && !ic.anonymous()) {
                throw new IcUsageException("backend ic signs its calls: pass --identity PEM (an Ed25519 or secp256k1 "
                        + "key, e.g. ~/.config/dfx/identity/default/identity.pem), or --anonymous to send as the "
                        + "anonymous principal");
            }
            if (ic.mainnet() && ic.effectiveCanisterId() != null) {
                throw new IcUsageException("--effective-canister-id applies to --ic-url only: mainnet creates "
                        + "through the cycles ledger");
            }
            IcIdentity identity = ic.anonymous() ? IcIdentity.anonymous() : IcIdentity.fromPem(ic.identity());
            try {
                if (ic.mainnet()) {
                    URI url = ic.url() != null ? ic.url() : IcEndpoint.MAINNET_URL;
                    return IcSubstrate.mainnet(IcEndpoint.mainnet(url), identity, ic.yesSpendCycles());
                }
                return IcSubstrate.local(IcEndpoint.local(ic.url(), Optional.ofNullable(ic.effectiveCanisterId())),
                        identity);
            } catch (IllegalArgumentException e) {
                throw new IcUsageException("--ic-url: " + e.getMessage());
            }
        }
    };

    /** What a backend's substrate is made from: the command's options and environment. */
    record Options(Substrate simulator, URI pocketIcUrl, Function<String, String> env, PrintWriter diagnostics,
            IcOptions ic) {
        Options(Substrate simulator, URI pocketIcUrl, Function<String, String> env, PrintWriter diagnostics) {
            this(simulator, pocketIcUrl, env, diagnostics, IcOptions.NONE);
        }
    }

    /**
     * The IC backend's options: {@code --ic-url}, {@code --mainnet}, {@code --yes-spend-cycles}, {@code --identity},
     * {@code --anonymous}, {@code --effective-canister-id}; null or false when not given.
     */
    record IcOptions(URI url, boolean mainnet, boolean yesSpendCycles, Path identity, boolean anonymous,
            Principal effectiveCanisterId) {
        static final IcOptions NONE = new IcOptions(null, false, false, null, false, null);

        boolean any() {
            return !equals(NONE);
        }
    }

    /** Makes this backend's substrate; it may refuse a scenario's keys (exit 2) and be unavailable at run (exit 3). */
    abstract Substrate create(Options options);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Converts {@code sim}, {@code pocketic} or {@code ic}; the message lists them. */
    static final class Converter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            for (Backend b : values()) {
                if (b.label().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return b;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a backend; accepted: sim, pocketic, ic");
        }
    }

    /** For help texts: {@code sim, pocketic, ic}. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Backend::label).iterator();
        }
    }
}
