package org.caniclab.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.caniclab.core.ic.Principal;

/** What both registries share: entries in principal order, as Canic's stable B-tree keeps them. */
abstract class PrincipalOrderedRegistry implements WorkerRegistry {
    final TreeMap<Principal, WorkerEntry> entries = new TreeMap<>();

    @Override
    public final int size() {
        return entries.size();
    }

    @Override
    public final WorkerEntry get(Principal pid) {
        return entries.get(pid);
    }

    @Override
    public final List<RegisteredWorker> entries() {
        List<RegisteredWorker> out = new ArrayList<>(entries.size());
        entries.forEach((pid, e) -> out.add(new RegisteredWorker(pid, e)));
        return out;
    }
}
