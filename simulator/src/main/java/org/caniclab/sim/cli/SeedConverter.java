package org.caniclab.sim.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --seed}: a decimal integer from 0 to 2^63−1. A bad value is refused with what is accepted, rather
 * than picocli's "is not a long".
 *
 * <pre>{@code
 * @Option(names = "--seed", converter = SeedConverter.class) Long seed;
 * }</pre>
 */
final class SeedConverter implements ITypeConverter<Long> {
    static final String ACCEPTED = "accepted: an integer from 0 to 9223372036854775807 (2^63-1)";

    @Override
    public Long convert(String value) {
        String v = value.strip();
        if (v.matches("\\+?\\d{1,19}")) {
            try {
                return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            } catch (NumberFormatException tooLarge) {
                // 19 digits above 2^63-1: refused below
            }
        }
        throw new TypeConversionException("'" + value + "' is not a seed; " + ACCEPTED);
    }
}
