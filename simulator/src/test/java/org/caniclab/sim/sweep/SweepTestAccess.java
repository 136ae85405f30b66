package org.caniclab.sim.sweep;

import java.nio.file.Path;

/** Lets tests of other packages find the shipped scenarios as {@link SweepTest} does. */
public final class SweepTestAccess {
    private SweepTestAccess() {}

    public static Path steady() {
        return SweepTest.steady();
    }
}
