package org.caniclab.core.registry;

import java.util.Objects;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Utf8;

/**
 * What the hub records about one worker (Canic's {@code WorkerEntryRecord}).
 *
 * <pre>{@code
 * WorkerEntry e = new WorkerEntry("api", new CanisterRole("scale"), nowSecs);
 * }</pre>
 *
 * @param pool the pool name, at most {@value #POOL_MAX_BYTES} UTF-8 bytes (the registry's bounded string)
 * @param canisterRole the role the worker was created with
 * @param createdAtSecs the hub's time at registration, in whole seconds
 */
public record WorkerEntry(String pool, CanisterRole canisterRole, long createdAtSecs) {
    /** The registry's bound on stored pool names. */
    public static final int POOL_MAX_BYTES = 64;

    public WorkerEntry {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(canisterRole, "canister_role");
        // Measured without encoding: a worker entry is built on every registration, which must not allocate.
        // The workflow never gets here with a longer name: Canic traps before its await (see ScalingWorkflow).
        if (Utf8.length(pool) > POOL_MAX_BYTES) {
            throw new IllegalArgumentException("pool name '" + pool + "' exceeds " + POOL_MAX_BYTES + " bytes");
        }
    }
}
