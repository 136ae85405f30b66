/**
 * The scenario loader: turns a scenario TOML file (and the {@code canic.toml} and traces it names) into the
 * validated model of {@code org.caniclab.sim.model}, with every problem reported as one line naming file,
 * line (from the TOML parser, tomlj), key path and what is accepted. Defaults are filled here; the model's
 * records check their own invariants as a second line of defence.
 *
 * <p>May import: {@code java.*}, {@code org.tomlj}, {@code org.caniclab.core}, {@code org.caniclab.sim.model}
 * and {@code org.caniclab.sim.input}. Not {@code org.caniclab.sim.ic}, the engine, load or substrates, and
 * not {@code org.caniclab.reports} (expectations are kept as text; the CLI parses them).
 */
package org.caniclab.sim.scenario;
