package org.caniclab.core.registry;

import org.caniclab.core.ic.Principal;

/**
 * The seed-faithful registry: {@link #countByPool} scans every entry of every pool, as Canic 0.33.3's
 * {@code count_by_pool} does over its stable B-tree (minus the per-row CBOR decode). Kept as the
 * reference for equivalence tests and as the baseline of the registry benchmarks.
 *
 * <pre>{@code
 * WorkerRegistry reference = new LinearScalingRegistry();
 * }</pre>
 */
public final class LinearScalingRegistry extends PrincipalOrderedRegistry {
    @Override
    public void upsert(Principal pid, WorkerEntry entry) {
        entries.put(pid, entry);
    }

    @Override
    public int countByPool(String pool) {
        int n = 0;
        for (WorkerEntry e : entries.values()) {
            if (e.pool().equals(pool)) {
                n++;
            }
        }
        return n;
    }
}
