package org.caniclab.sim.ic;

import java.util.concurrent.CompletableFuture;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;

/** One create call from the hub to root, with what the simulation knows about it (pool, trigger). */
final class CreateRequest {
    final String pool;
    final CanisterRole role;
    final long initialCycles;
    final String trigger;
    final CompletableFuture<Principal> result = new CompletableFuture<>();

    CreateRequest(String pool, CanisterRole role, long initialCycles, String trigger) {
        this.pool = pool;
        this.role = role;
        this.initialCycles = initialCycles;
        this.trigger = trigger;
    }
}
