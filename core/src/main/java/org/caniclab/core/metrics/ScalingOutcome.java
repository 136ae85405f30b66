package org.caniclab.core.metrics;

import java.util.Locale;

/** The {@code outcome} label of a scaling metric row; declared in label order. */
public enum ScalingOutcome {
    COMPLETED,
    FAILED,
    SKIPPED,
    STARTED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The exported lowercase label, e.g. {@code started}. */
    public String label() {
        return label;
    }
}
