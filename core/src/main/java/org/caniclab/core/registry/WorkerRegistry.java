package org.caniclab.core.registry;

import java.util.List;
import org.caniclab.core.ic.Principal;

/**
 * The hub's worker registry: entries keyed by worker principal, append-only as in Canic (there is no
 * removal path, so a count is "workers ever registered").
 *
 * <p>Two implementations share this contract: {@link ScalingRegistry}, indexed with an O(1) count per
 * pool, and {@link LinearScalingRegistry}, the seed's full scan kept as a reference for equivalence tests
 * and benchmarks.
 *
 * <pre>{@code
 * WorkerRegistry reg = new ScalingRegistry();
 * reg.upsert(pid, new WorkerEntry("api", role, nowSecs));
 * int n = reg.countByPool("api");
 * List<RegisteredWorker> rows = reg.entries();   // ascending principal order
 * }</pre>
 */
public interface WorkerRegistry {
    /** Inserts or overwrites the entry for {@code pid}; re-upserting a principal does not add to a count. */
    void upsert(Principal pid, WorkerEntry entry);

    /** Number of registered workers whose pool equals {@code pool}. */
    int countByPool(String pool);

    /** Total number of registered workers. */
    int size();

    /** The entry for {@code pid}, or null. */
    WorkerEntry get(Principal pid);

    /** Every entry in ascending principal order (length first, then unsigned bytes). */
    List<RegisteredWorker> entries();
}
