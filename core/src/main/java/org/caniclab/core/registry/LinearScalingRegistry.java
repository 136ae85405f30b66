package org.caniclab.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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
public final class LinearScalingRegistry implements WorkerRegistry {
    private final TreeMap<Principal, WorkerEntry> entries = new TreeMap<>();

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

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public WorkerEntry get(Principal pid) {
        return entries.get(pid);
    }

    @Override
    public List<RegisteredWorker> entries() {
        List<RegisteredWorker> out = new ArrayList<>(entries.size());
        entries.forEach((pid, e) -> out.add(new RegisteredWorker(pid, e)));
        return out;
    }
}
