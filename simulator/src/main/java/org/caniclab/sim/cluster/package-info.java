/**
 * Sweeps on a Hazelcast cluster: {@link org.caniclab.sim.cluster.Worker}, a member that runs sweep runs, and
 * {@link org.caniclab.sim.cluster.ClusterRunExecutor}, the {@link org.caniclab.sim.sweep.RunExecutor} a sweep uses to
 * hand its runs to the members (as a Hazelcast client) and to gather them back, resubmitting those a departed member
 * took with it. Every Hazelcast type stays in this package: the local sweep never loads one.
 *
 * <p>May import: Hazelcast, {@code reports} (the figures), {@code sim} (the simulator), {@code sim.sweep} (the seam),
 * {@code sim.scenario} (a member loads the scenario text it is sent), {@code sim.substrate} (the unavailable
 * substrate exception the CLI maps to exit 3). Not {@code sim.cli}.
 */
package org.caniclab.sim.cluster;
