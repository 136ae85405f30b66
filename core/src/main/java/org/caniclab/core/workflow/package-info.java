/**
 * The scaling workflow of one hub ({@link org.caniclab.core.workflow.ScalingWorkflow}): the only place that sequences
 * policy, calls to root through the port, registry writes and metrics, in either
 * {@link org.caniclab.core.workflow.ConcurrencyMode}.
 *
 * <p>May import: {@code core.config}, {@code core.error}, {@code core.ic}, {@code core.metrics}, {@code core.policy},
 * {@code core.registry}.
 */
package org.caniclab.core.workflow;
