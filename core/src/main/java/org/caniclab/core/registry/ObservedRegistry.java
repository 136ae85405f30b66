package org.caniclab.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.caniclab.core.ic.Principal;

/**
 * A registry that tells a listener each time an upsert adds a worker to a pool's count (a new principal,
 * or one moved to another pool); how a simulator starts a worker serving, or a runner tracks peaks.
 *
 * <pre>{@code
 * WorkerRegistry reg = new ObservedRegistry(new ScalingRegistry(), (pid, entry) -> startServing(pid));
 * }</pre>
 */
public final class ObservedRegistry implements WorkerRegistry {
    private final WorkerRegistry delegate;
    private final BiConsumer<Principal, WorkerEntry> onAdded;

    public ObservedRegistry(WorkerRegistry delegate, BiConsumer<Principal, WorkerEntry> onAdded) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onAdded = Objects.requireNonNull(onAdded, "onAdded");
    }

    @Override
    public void upsert(Principal pid, WorkerEntry entry) {
        WorkerEntry previous = delegate.get(pid);
        delegate.upsert(pid, entry);
        if (previous == null || !previous.pool().equals(entry.pool())) {
            onAdded.accept(pid, entry);
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
