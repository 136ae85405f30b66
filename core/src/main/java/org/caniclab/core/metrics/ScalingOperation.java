package org.caniclab.core.metrics;

import java.util.Locale;

/** The {@code operation} label of a scaling metric row; declared in label order. */
public enum ScalingOperation {
    BOOTSTRAP_CONFIG,
    BOOTSTRAP_POOL,
    CREATE_WORKER,
    PLAN_CREATE,
    REGISTER_WORKER;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The exported lowercase label, e.g. {@code plan_create}. */
    public String label() {
        return label;
    }
}
