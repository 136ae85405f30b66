/**
 * Worker registries keyed by principal and iterated in principal order: the indexed
 * {@link org.caniclab.core.registry.ScalingRegistry} (O(1) per-pool counts), the seed's linear reference, and an
 * observing wrapper.
 *
 * <p>May import: {@code core.ic}.
 */
package org.caniclab.core.registry;
