package org.caniclab.sim.model;

import java.util.Objects;
import org.caniclab.core.workflow.ConcurrencyMode;

/**
 * The {@code [hub]} section: the canister that owns the pools and runs the core workflow.
 *
 * <pre>{@code
 * new HubSettings(ConcurrencyMode.SEED_0_33_3, true, 0)   // the loader's defaults
 * }</pre>
 *
 * @param mode the workflow's concurrency mode (never null: the loader fills the default)
 * @param bootstrap whether the seed's init-time bootstrap of {@code initial_workers} runs at time 0
 * @param topUpIntervalNanos period of a timer that calls {@code create_worker} on every pool below
 *     {@code min_workers} (how the min policy recovers after failures); 0 = off, else > 0
 */
public record HubSettings(ConcurrencyMode mode, boolean bootstrap, long topUpIntervalNanos) {
    public HubSettings {
        Objects.requireNonNull(mode, "mode");
        Check.nonNegative(topUpIntervalNanos, "HubSettings.topUpIntervalNanos");
    }
}
