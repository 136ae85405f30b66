package org.caniclab.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a pool name appears in a report file name ({@code latency-<pool>.hgrm}): characters that are unsafe
 * in file names become {@code _}. The one rule for the report writer, which names the files, and the scenario
 * loader, which refuses pools whose files would collide before anything runs. It lives in core because both
 * depend on core and on nothing else in common.
 *
 * <pre>{@code
 * PoolFileNames.stem("eu api");                 // "eu_api"
 * PoolFileNames.collisionKey("EU_api");         // "eu_api": same file as "eu api" on a case-insensitive disk
 * }</pre>
 */
public final class PoolFileNames {
    private PoolFileNames() {}

    /** The pool name with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
    public static String stem(String pool) {
        return UNSAFE.matcher(pool).replaceAll("_");
    }

    /** Compiled once: every scenario record checks its pools' names with it, and a sweep makes one per run. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    /**
     * Two pools whose keys are equal would write the same file: on a case-insensitive file system (macOS,
     * Windows) names that differ only in case collide too.
     */
    public static String collisionKey(String pool) {
        return stem(pool).toLowerCase(Locale.ROOT);
    }
}
