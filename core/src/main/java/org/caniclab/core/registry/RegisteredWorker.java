package org.caniclab.core.registry;

import org.caniclab.core.ic.Principal;

/** One row of a registry export: a worker's principal and its entry. */
public record RegisteredWorker(Principal pid, WorkerEntry entry) {}
