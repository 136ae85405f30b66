package org.caniclab.reports;

import java.util.SplittableRandom;

/** Test inputs for the number writers: doubles of either sign whose magnitudes spread over 10^-12 to 10^17. */
final class WideDoubles {
    private WideDoubles() {}

    static double next(SplittableRandom rng) {
        double magnitude = Math.pow(10, rng.nextDouble(-12, 17));
        return (rng.nextBoolean() ? -1 : 1) * magnitude * rng.nextDouble();
    }
}
