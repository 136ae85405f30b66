/**
 * The one driver of a hub: {@link org.caniclab.core.driver.HubDriver} executes {@link
 * org.caniclab.core.driver.HubCall}s on a workflow over any port and reports {@link
 * org.caniclab.core.driver.HubEvent}s and per-pool create counters. The simulator, the network substrates and the
 * schedule explorer all use it, so a call means the same everywhere.
 *
 * <p>May import: {@code core.workflow} and what it imports.
 */
package org.caniclab.core.driver;
