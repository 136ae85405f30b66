/**
 * Pure decisions: {@link org.caniclab.core.policy.ScalingPolicy} maps (pool, observed count, demand, config) to a
 * {@link org.caniclab.core.policy.ScalingPlan} — the seed's table and the load-aware floor over it. No time, no I/O,
 * no state.
 *
 * <p>May import: {@code core.config}, {@code core.error}, {@code core.ic}.
 */
package org.caniclab.core.policy;
