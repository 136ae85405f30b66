/**
 * The simulator's entry points: {@link org.caniclab.sim.Substrate}, the interface every backend implements
 * ({@code run(scenario, progress) -> RunResult}, or under a {@link org.caniclab.sim.RunControl}: where long rows
 * spill, when to stop), and {@link org.caniclab.sim.Simulator}, the embedded deterministic
 * IC, which wires the engine, the IC model and the load for one run and hands what it observed to the collector.
 *
 * <p>May import: {@code core}, {@code reports} (the result type), {@code sim.model}, {@code sim.engine},
 * {@code sim.ic}, {@code sim.load}, {@code sim.collect}. Not {@code sim.scenario} (the loader), {@code sim.substrate}
 * or {@code sim.cli}.
 */
package org.caniclab.sim;
