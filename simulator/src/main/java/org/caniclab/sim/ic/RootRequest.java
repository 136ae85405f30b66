package org.caniclab.sim.ic;

import java.util.concurrent.CompletableFuture;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;

/** One create call from the hub to simulated root, with the cycles its pool attaches and the hub's pending stage. */
final class RootRequest {
    final String pool;
    final CanisterRole role;
    final long initialCycles;
    final CompletableFuture<CreateOutcome> result = new CompletableFuture<>();

    RootRequest(String pool, CanisterRole role, long initialCycles) {
        this.pool = pool;
        this.role = role;
        this.initialCycles = initialCycles;
    }
}
