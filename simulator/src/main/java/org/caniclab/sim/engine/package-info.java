/**
 * The discrete-event core of the simulator: the event loop in virtual nanoseconds ({@link
 * org.caniclab.sim.engine.Engine}, {@link org.caniclab.sim.engine.Event}), named random streams derived from
 * the run seed ({@link org.caniclab.sim.engine.RandomStreams}) and draws from the scenario's duration
 * distributions ({@link org.caniclab.sim.engine.Sampler}). Nothing here reads the wall clock.
 *
 * <p>May import: the JDK and {@code org.caniclab.sim.model} (the distributions it samples). Nothing else
 * of the project: every other simulator package builds on this one.
 */
package org.caniclab.sim.engine;
