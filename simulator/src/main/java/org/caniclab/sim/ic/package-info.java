/**
 * The simulated Internet Computer: the hub canister (the core {@code HubDriver} over a port whose creates travel in
 * whole rounds), root (fees, cycles, subnet limits, injected faults), round arithmetic, hub timers and the
 * autoscaler.
 *
 * <p>May import: {@code core}, {@code sim.model}, {@code sim.engine}, {@code sim.load}. Not {@code reports}: what
 * happens here reaches reports through {@code sim.collect}.
 */
package org.caniclab.sim.ic;
