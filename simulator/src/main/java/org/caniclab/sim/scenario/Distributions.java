package org.caniclab.sim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.Formats;

/**
 * Reads a {@link Distribution} of durations: a duration string is a fixed value; a table names the
 * distribution with {@code dist} and gives its parameters.
 *
 * <pre>{@code
 * service_time = "20ms"                                          # fixed
 * service_time = {dist = "exponential", mean = "20ms"}
 * service_time = {dist = "uniform", min = "10ms", max = "30ms"}
 * service_time = {dist = "lognormal", median = "15ms", sigma = 0.8}
 * }</pre>
 */
final class Distributions {
    static final String ACCEPTED = "a duration such as \"100ms\" (fixed), or a table {dist = \"exponential\", mean = \"100ms\"}, "
            + "{dist = \"uniform\", min = \"50ms\", max = \"150ms\"}, {dist = \"lognormal\", median = \"80ms\", sigma = 0.5} "
            + "or {dist = \"fixed\", value = \"100ms\"}";

    private enum Kind { FIXED, EXPONENTIAL, UNIFORM, LOGNORMAL }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("fixed", Kind.FIXED);
        KINDS.put("exponential", Kind.EXPONENTIAL);
        KINDS.put("uniform", Kind.UNIFORM);
        KINDS.put("lognormal", Kind.LOGNORMAL);
    }

    private Distributions() {}

    static Distribution read(TomlTable t) {
        Kind kind = t.choice("dist", KINDS, null, "distribution");
        String what = "a " + t.string("dist", null) + " distribution";
        switch (kind) {
            case FIXED -> {
                t.onlyKeys(what, "dist", "value");
                return new Distribution.Fixed(t.duration("value", null));
            }
            case EXPONENTIAL -> {
                t.onlyKeys(what, "dist", "mean");
                long mean = t.duration("mean", null);
                if (mean <= 0) {
                    throw t.error("mean", "mean must be > 0; accepted: " + Durations.ACCEPTED + ", above 0");
                }
                return new Distribution.Exponential(mean);
            }
            case UNIFORM -> {
                t.onlyKeys(what, "dist", "min", "max");
                long min = t.duration("min", null);
                long max = t.duration("max", null);
                if (max < min) {
                    throw t.error("max", "max " + Formats.duration(max) + " is below min " + Formats.duration(min)
                            + "; accepted: max >= min");
                }
                return new Distribution.Uniform(min, max);
            }
            case LOGNORMAL -> {
                t.onlyKeys(what, "dist", "median", "sigma");
                long median = t.duration("median", null);
                if (median <= 0) {
                    throw t.error("median", "median must be > 0; accepted: " + Durations.ACCEPTED + ", above 0");
                }
                double sigma = t.number("sigma", null, 0, 10, "the shape (standard deviation of the log)");
                return new Distribution.LogNormal(median, sigma);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }
}
