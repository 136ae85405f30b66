/**
 * Canic's scaling metric rows: (operation, outcome, reason) counters with the seed's labels, saturating, with a
 * stable snapshot order and an optional row listener.
 *
 * <p>May import: {@code core.error}, {@code core.policy}.
 */
package org.caniclab.core.metrics;
