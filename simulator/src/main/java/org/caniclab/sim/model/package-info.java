/**
 * The scenario model: immutable records for a research case (run settings, the simulated IC, the hub, pools,
 * loads, scheduled calls, faults, expectations as written) and the IC defaults. Each record checks its own
 * invariants in its constructor, so every consumer (engine, load, hub, substrates, CLI) can rely on them
 * without re-checking; no value means "default" (the loader fills defaults). Nothing here parses text:
 * {@code org.caniclab.sim.scenario} turns TOML into these records; only formatting helpers live here.
 *
 * <p>May import: {@code java.*} and {@code org.caniclab.core}. Nothing else of the simulator, and not
 * {@code org.caniclab.reports}.
 */
package org.caniclab.sim.model;
