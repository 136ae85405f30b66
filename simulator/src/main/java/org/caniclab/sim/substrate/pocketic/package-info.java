/**
 * The PocketIC substrate ({@code --backend pocketic}): a REST client for a PocketIC server ({@link
 * org.caniclab.sim.substrate.pocketic.PocketIcClient}, {@link org.caniclab.sim.substrate.pocketic.PocketIcInstance}),
 * the Candid production needs for the management canister's create call ({@link
 * org.caniclab.sim.substrate.management.ManagementCandid}), the instance as root ({@link
 * org.caniclab.sim.substrate.pocketic.PocketIcRemote}, a {@link org.caniclab.sim.substrate.RemoteIc}), a launcher for a
 * local PocketIC binary ({@link org.caniclab.sim.substrate.pocketic.PocketIcServer}) and the substrate that puts them
 * together ({@link org.caniclab.sim.substrate.pocketic.PocketIcSubstrate}). Protocol reference:
 * {@code spec/ic-backends.md} §A, §B.
 *
 * <p>May import: {@code core}, {@code reports} (results), {@code sim} (the Substrate interface), {@code sim.model},
 * {@code sim.substrate}. Not the simulator's engine, IC model or load.
 */
package org.caniclab.sim.substrate.pocketic;

import org.caniclab.sim.substrate.management.ManagementCandid;
