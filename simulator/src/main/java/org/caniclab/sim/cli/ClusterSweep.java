package org.caniclab.sim.cli;

import org.caniclab.sim.cluster.ClusterRunExecutor;
import org.caniclab.sim.sweep.Sweep;
import org.caniclab.sim.sweep.SweepPlan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code sweep --cluster}: in a class of its own so that a local sweep does not load a Hazelcast class (not even to
 * verify {@link SweepCommand}).
 */
final class ClusterSweep {
    private ClusterSweep() {}

    static Sweep.Outcome run(CommandSpec spec, String addresses, SweepPlan plan, Sweep.Listener progress)
            throws InterruptedException {
        ClusterRunExecutor cluster;
        try {
            cluster = ClusterRunExecutor.connect(addresses);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (cluster) {
            return Sweep.run(plan, cluster, VersionProvider.version(), progress);
        }
    }
}
