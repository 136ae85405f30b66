package org.caniclab.sim.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The substrates {@code --backend} names: {@link #SIM} the simulator, {@link #POCKETIC} the orchestration on a
 * PocketIC server; {@link #IC} is not available in this build.
 */
enum Backend {
    SIM,
    POCKETIC,
    IC;

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
