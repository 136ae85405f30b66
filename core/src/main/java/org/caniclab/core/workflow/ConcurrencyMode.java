package org.caniclab.core.workflow;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the workflow guards the window between observing a pool's count and registering the new worker.
 *
 * <ul>
 *   <li>{@link #SEED_0_33_3}: exactly the seed — observe, await, write. K calls that observe before the
 *       first one registers all spawn (the documented race, spec §2.2).</li>
 *   <li>{@link #RESERVED}: a reservation is taken for the pool before the await and counted by the policy
 *       (registered + reserved); success converts it, failure releases it. Bootstrap and
 *       {@code createWorker} share it, so registered + reserved never exceeds {@code max_workers}.</li>
 * </ul>
 */
public enum ConcurrencyMode {
    SEED_0_33_3("seed-0.33.3"),
    RESERVED("reserved");

    private final String label;

    ConcurrencyMode(String label) {
        this.label = label;
    }

    /** The label used in scenarios and reports. */
    public String label() {
        return label;
    }

    /** Parses a label; the message lists the accepted ones. */
    public static ConcurrencyMode fromLabel(String label) {
        for (ConcurrencyMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown concurrency mode '" + label + "'; accepted: "
                + Arrays.stream(values()).map(ConcurrencyMode::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
