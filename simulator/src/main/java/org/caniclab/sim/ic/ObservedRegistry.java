package org.caniclab.sim.ic;

import java.util.List;
import java.util.function.BiConsumer;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.registry.RegisteredWorker;
import org.caniclab.core.registry.ScalingRegistry;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.registry.WorkerRegistry;

/** The core's indexed registry, telling the simulation when a new worker is registered (it starts serving). */
final class ObservedRegistry implements WorkerRegistry {
    private final ScalingRegistry delegate = new ScalingRegistry();
    private final BiConsumer<Principal, WorkerEntry> onNewWorker;

    ObservedRegistry(BiConsumer<Principal, WorkerEntry> onNewWorker) {
        this.onNewWorker = onNewWorker;
    }

    @Override
    public void upsert(Principal pid, WorkerEntry entry) {
        boolean fresh = delegate.get(pid) == null;
        delegate.upsert(pid, entry);
        if (fresh) {
            onNewWorker.accept(pid, entry);
        }
    }

    @Override
    public int countByPool(String pool) {
        return delegate.countByPool(pool);
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public WorkerEntry get(Principal pid) {
        return delegate.get(pid);
    }

    @Override
    public List<RegisteredWorker> entries() {
        return delegate.entries();
    }
}
