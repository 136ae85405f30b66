package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.substrate.NetworkSubstrate;
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
    /** A real IC endpoint; not in this build. */
    IC {
        @Override
        Substrate create(Options o) {
            return NetworkSubstrate.unavailable("backend 'ic' is not available in this build: the IC substrate is not "
                    + "included yet; accepted: --backend sim, --backend pocketic");
        }
    };

    /** What a backend's substrate is made from: the command's options and environment. */
    record Options(Substrate simulator, URI pocketIcUrl, Function<String, String> env, PrintWriter diagnostics) {}

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
