package org.caniclab.core.ic;

import java.util.Objects;
import org.caniclab.core.error.CanicError;

/**
 * What root answered to one {@link CreateRequest}: the closed set of outcomes a port reports.
 *
 * <pre>{@code
 * if (outcome instanceof CreateOutcome.Created c) {
 *     register(c.pid());
 * } else {
 *     record(((CreateOutcome.Failed) outcome).error());   // root's rejection, a transport failure, ...
 * }
 * }</pre>
 */
public sealed interface CreateOutcome {
    /** Root created the canister. */
    record Created(Principal pid) implements CreateOutcome {
        public Created {
            Objects.requireNonNull(pid, "pid");
        }
    }

    /** The create failed; {@code error} says how Canic classifies it (root's error, a transport failure, ...). */
    record Failed(CanicError error) implements CreateOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
