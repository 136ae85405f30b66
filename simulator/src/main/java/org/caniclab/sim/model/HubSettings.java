package org.caniclab.sim.model;

import org.caniclab.core.workflow.ConcurrencyMode;

/**
 * The {@code [hub]} section: the canister that owns the pools and runs the core workflow.
 *
 * @param mode the workflow's concurrency mode
 * @param bootstrap whether the seed's init-time bootstrap of {@code initial_workers} runs at time 0
 * @param topUpIntervalNanos period of a timer that calls {@code create_worker} on every pool below
 *     {@code min_workers} (how the min policy recovers after failures); 0 = off
 */
public record HubSettings(ConcurrencyMode mode, boolean bootstrap, long topUpIntervalNanos) {}
