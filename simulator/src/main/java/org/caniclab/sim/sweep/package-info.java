/**
 * Studies: a {@link org.caniclab.sim.sweep.SweepPlan} (the varied keys and their values, replications, the seed rule
 * that gives every variant the same random streams) and {@link org.caniclab.sim.sweep.Sweep}, which loads every
 * variant before anything runs, hands the runs to a {@link org.caniclab.sim.sweep.RunExecutor} (threads of this JVM
 * through the in-process {@code Substrate} API, or a cluster from {@code sim.cluster}, which this package never
 * imports) and gathers the figures in plan order, so the result depends on neither.
 *
 * <p>May import: {@code core}, {@code reports} (the sweep's result types), {@code sim} (Substrate), {@code sim.model},
 * {@code sim.scenario} (to load each variant).
 */
package org.caniclab.sim.sweep;
