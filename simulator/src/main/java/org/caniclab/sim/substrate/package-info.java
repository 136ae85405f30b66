/**
 * Network substrates and what they share: {@link org.caniclab.sim.substrate.RemoteIc}, the adapter a networked IC
 * provides (create a canister, tell the time); {@link org.caniclab.sim.substrate.HubPort}, the core port over it on
 * the hub's thread; {@link org.caniclab.sim.substrate.OrchestrationReplay}, the replay of a scenario's bootstrap and
 * calls every network backend runs. Backends live in subpackages ({@code pocketic}, {@code ic}).
 *
 * <p>May import: {@code core}, {@code reports}, {@code sim} (the Substrate interface), {@code sim.model},
 * {@code sim.collect}. Not the simulator's engine, IC model or load.
 */
package org.caniclab.sim.substrate;
