/**
 * The serving side of the simulator: load sources that generate arrivals ({@link
 * org.caniclab.sim.load.LoadSources}: Poisson with piecewise-linear rate, bursts, trace files) and the pools
 * that serve them ({@link org.caniclab.sim.load.Pool}), each composed of a router (round robin, random,
 * shortest queue), a service discipline (per-round capacity with a bounded queue, a single server per
 * worker, one shared FIFO queue) and its statistics, read as {@link org.caniclab.sim.load.PoolStats} and
 * {@link org.caniclab.sim.load.Pool.Interval} in the simulator's own units.
 *
 * <p>May import: the JDK, HdrHistogram, {@code org.caniclab.core.ic} (worker principals),
 * {@code org.caniclab.sim.engine} and {@code org.caniclab.sim.model}. Not {@code org.caniclab.reports}:
 * turning these statistics into report records is the caller's job, so a new report field does not
 * reach into the request path.
 */
package org.caniclab.sim.load;
