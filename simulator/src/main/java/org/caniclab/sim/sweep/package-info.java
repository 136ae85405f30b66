/**
 * Studies in one JVM: a {@link org.caniclab.sim.sweep.SweepPlan} (the varied keys and their values, replications,
 * the seed rule that gives every variant the same random streams) and {@link org.caniclab.sim.sweep.Sweep}, which
 * loads every variant before anything runs, runs them through the in-process {@code Substrate} API and gathers the
 * figures in plan order, so the result does not depend on parallelism.
 *
 * <p>May import: {@code core}, {@code reports} (the sweep's result types), {@code sim} (Substrate), {@code sim.model},
 * {@code sim.scenario} (to load each variant).
 */
package org.caniclab.sim.sweep;
