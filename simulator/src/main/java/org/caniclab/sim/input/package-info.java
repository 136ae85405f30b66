/**
 * Reading the simulator's input files: only regular files (a FIFO, a directory or a device is refused
 * before it is opened, so nothing blocks or reads without end), small files (scenarios, {@code canic.toml})
 * whole but bounded in size, and load traces streamed row by row by the one {@link
 * org.caniclab.sim.input.TraceReader} that both the scenario loader (to check a trace) and the engine (to
 * replay it) use, so that the two can never read a trace differently.
 *
 * <p>May import: {@code java.*}, {@code org.apache.commons.csv} and {@code org.caniclab.sim.model} (message
 * helpers). Not the loader, the engine, {@code org.caniclab.reports} or anything above.
 */
package org.caniclab.sim.input;
