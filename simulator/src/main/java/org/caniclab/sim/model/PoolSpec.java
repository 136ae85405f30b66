package org.caniclab.sim.model;

import java.util.Objects;
import java.util.Optional;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.CanisterRole;

/**
 * One {@code [pools.<name>]} section: Canic's pool definition plus how its workers serve requests.
 *
 * <pre>{@code
 * new PoolSpec("api", new CanisterRole("api_worker"), ScalePoolPolicy.DEFAULT, IcDefaults.INITIAL_CYCLES,
 *         new ServiceModel.PerRound(100, 500), RouterKind.ROUND_ROBIN, Optional.empty());
 * }</pre>
 *
 * @param name non-empty; unique in the scenario (checked by {@link Scenario})
 * @param initialCycles the role's {@code initial_cycles}, >= 0, paid from root's balance per creation
 * @param autoscaler a load-aware autoscaler, or empty for the seed's min-only policy
 * @param startWorkers workers registered before time 0 (>= 0): no bootstrap, creation call or cycles; for
 *     queueing studies that start from a steady fleet. They count as registered for every policy.
 */
public record PoolSpec(
        String name,
        CanisterRole role,
        ScalePoolPolicy policy,
        long initialCycles,
        ServiceModel service,
        RouterKind router,
        Optional<AutoscalerSpec> autoscaler,
        int startWorkers) {
    public PoolSpec {
        Check.that(startWorkers >= 0, "PoolSpec.startWorkers", startWorkers, ">= 0");
        Objects.requireNonNull(name, "name");
        Check.that(!name.isEmpty(), "PoolSpec.name", "\"\"", "a non-empty name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(policy, "policy");
        Check.nonNegative(initialCycles, "PoolSpec.initialCycles");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(autoscaler, "autoscaler (Optional.empty() for none)");
    }

    /** A pool that starts with no worker: Canic's bootstrap and policies create them. */
    public PoolSpec(String name, CanisterRole role, ScalePoolPolicy policy, long initialCycles, ServiceModel service,
            RouterKind router, Optional<AutoscalerSpec> autoscaler) {
        this(name, role, policy, initialCycles, service, router, autoscaler, 0);
    }
}
