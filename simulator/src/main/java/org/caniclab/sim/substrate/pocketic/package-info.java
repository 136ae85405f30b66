/**
 * Network substrates for the core workflow: a REST client for a PocketIC server ({@link
 * org.caniclab.sim.substrate.pocketic.PocketIcClient}, {@link org.caniclab.sim.substrate.pocketic.PocketIcInstance}), the
 * hand-written Candid of the management canister's create call ({@link
 * org.caniclab.sim.substrate.pocketic.ManagementCandid}), the {@link org.caniclab.core.ic.IcRuntime} port on PocketIC
 * ({@link org.caniclab.sim.substrate.pocketic.PocketIcRuntime}), a launcher for a local PocketIC binary ({@link
 * org.caniclab.sim.substrate.pocketic.PocketIcServer}) and the replay of a scenario's orchestration on a server ({@link
 * org.caniclab.sim.substrate.pocketic.PocketIcReplay}, the CLI's {@code --backend pocketic}). Protocol reference:
 * {@code spec/ic-backends.md} §A, §B.
 */
package org.caniclab.sim.substrate.pocketic;
