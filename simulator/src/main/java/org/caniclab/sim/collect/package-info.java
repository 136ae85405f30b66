/**
 * The collector: the one place where a run's observations (the hub's events, timeline samples, per-pool statistics,
 * the workflow's metric rows) become {@code reports} records. Every substrate feeds one.
 *
 * <p>May import: {@code core}, {@code reports}, {@code sim.model}, {@code sim.load} (its statistics types).
 */
package org.caniclab.sim.collect;
