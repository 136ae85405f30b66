/**
 * The IC management canister's protocol as every network backend speaks it: the Candid of
 * {@code provisional_create_canister_with_cycles} and its reply ({@link
 * org.caniclab.sim.substrate.management.ManagementCandid}, on a small {@link
 * org.caniclab.sim.substrate.management.CandidWriter}), and rejects classified into Canic's errors ({@link
 * org.caniclab.sim.substrate.management.RejectInfo}). Shared by {@code pocketic} and {@code ic}, so a reject means the
 * same on both. Only what production needs; general Candid decoding lives in the tests' fakes.
 *
 * <p>May import: {@code core}. Third-party: Jackson (PocketIC's JSON form of a reject).
 */
package org.caniclab.sim.substrate.management;
