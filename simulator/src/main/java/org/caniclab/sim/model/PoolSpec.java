package org.caniclab.sim.model;

import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.CanisterRole;

/**
 * One {@code [pools.<name>]} section: Canic's pool definition plus how its workers serve requests.
 *
 * @param initialCycles the role's {@code initial_cycles}, paid from root's balance per creation
 * @param autoscaler a load-aware autoscaler, or null for the seed's min-only policy
 */
public record PoolSpec(
        String name,
        CanisterRole role,
        ScalePoolPolicy policy,
        long initialCycles,
        ServiceModel service,
        RouterKind router,
        AutoscalerSpec autoscaler) {}
