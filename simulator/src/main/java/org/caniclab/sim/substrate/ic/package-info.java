/**
 * The real-IC substrate ({@code --backend ic}): a session on a local replica or mainnet ({@link
 * org.caniclab.sim.substrate.ic.IcRemote}, behind {@link org.caniclab.sim.substrate.RemoteIc}) through the project's own
 * small agent interface ({@link org.caniclab.sim.substrate.ic.IcAgent}), implemented on ic4j-agent 0.7.2 with a JDK HTTP
 * transport; identities from PEM files ({@link org.caniclab.sim.substrate.ic.IcIdentity}); the cycles ledger's Candid;
 * the mainnet spending plan ({@link org.caniclab.sim.substrate.ic.MainnetPlan}). Protocol reference:
 * {@code spec/ic-backends.md} §B, §C, §D.
 *
 * <p>May import: core (the port, errors, principals), {@code sim.model} (scenarios), {@code sim.substrate} and, from
 * the PocketIC substrate, only what every networked substrate shares ({@code ManagementCandid}, {@code RejectInfo});
 * ic4j-agent/candid, Jackson CBOR and Bouncy Castle. Nothing here may put key material in a message, a log line, a
 * {@code toString} or an output file.
 */
package org.caniclab.sim.substrate.ic;
