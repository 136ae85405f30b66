package org.caniclab.core.registry;

import java.util.HashMap;
import java.util.Map;
import org.caniclab.core.ic.Principal;

/**
 * The indexed worker registry: entries in principal order plus a per-pool counter, so
 * {@link #countByPool} is O(1) and allocation-free instead of the seed's scan of every entry.
 *
 * <pre>{@code
 * ScalingRegistry reg = new ScalingRegistry();
 * reg.upsert(Principal.canisterId(7), new WorkerEntry("api", role, 0));
 * assert reg.countByPool("api") == 1;
 * }</pre>
 */
public final class ScalingRegistry extends PrincipalOrderedRegistry {
    // Only looked up, never iterated, so a hash map keeps ordering out of every output.
    private final Map<String, int[]> countsByPool = new HashMap<>();

    @Override
    public void upsert(Principal pid, WorkerEntry entry) {
        WorkerEntry previous = entries.put(pid, entry);
        if (previous != null) {
            if (previous.pool().equals(entry.pool())) {
                return;
            }
            countsByPool.get(previous.pool())[0]--;
        }
        countsByPool.computeIfAbsent(entry.pool(), k -> new int[1])[0]++;
    }

    @Override
    public int countByPool(String pool) {
        int[] c = countsByPool.get(pool);
        return c == null ? 0 : c[0];
    }
}
