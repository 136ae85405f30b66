/**
 * The regression gate and the results table: reads JMH's JSON and {@code gates.toml}, checks ratios and bytes per
 * operation (never absolute times), and compares two builds round by round.
 *
 * <p>May import: nothing of the project beyond this module; JMH's result format only as JSON.
 */
package org.caniclab.bench.gate;
