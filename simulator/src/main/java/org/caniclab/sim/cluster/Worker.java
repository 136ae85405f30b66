package org.caniclab.sim.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * A Hazelcast member that runs sweep runs for {@link ClusterRunExecutor}: it binds one address only (loopback unless
 * told otherwise) and finds the other members at the addresses it is given (TCP/IP join; multicast, auto-detection
 * and phone-home off), in a cluster of a fixed name, with an executor of {@code threads} threads.
 *
 * <pre>{@code
 * try (Worker w = Worker.start(new Worker.Settings("127.0.0.1", 5701, List.of("127.0.0.1:5702"), 2))) {
 *     w.awaitStop();
 * }
 * }</pre>
 */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance member;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param bind the one address the member listens on and tells the others
     * @param port its port (no other is tried)
     * @param join {@code host:port} of the other members (none: it starts a cluster the others join)
     * @param threads runs at once on this member
     */
    public record Settings(String bind, int port, List<String> join, int threads) {
        public Settings {
            Objects.requireNonNull(bind, "bind");
            join = List.copyOf(join);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port " + port + " is not a port; accepted: 1 to 65535");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads " + threads + " is not a thread count; accepted: an "
                        + "integer >= 1");
            }
        }
    }

    private Worker(HazelcastInstance member) {
        this.member = member;
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        if (!member.getLifecycleService().isRunning()) {
            stopped.countDown();
        }
    }

    /** The {@code --join} list as addresses (an {@link IllegalArgumentException} saying what is accepted if not). */
    public static List<String> joinAddresses(String list) {
        return ClusterSettings.addresses("--join", list);
    }

    /**
     * Starts the member and returns once it has joined (or formed) the cluster.
     *
     * @throws SubstrateUnavailableException when the member cannot start (the port is taken, the address is not
     *     this machine's)
     */
    public static Worker start(Settings s) {
        Config c = ClusterSettings.member();
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(s.port()).setPortAutoIncrement(false);
        n.getInterfaces().setEnabled(true).addInterface(s.bind());
        n.setPublicAddress(s.bind() + ":" + s.port());
        JoinConfig join = n.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(
                s.join().isEmpty() ? List.of(s.bind() + ":" + s.port()) : s.join());
        c.addExecutorConfig(new ExecutorConfig(ClusterSettings.EXECUTOR).setPoolSize(s.threads()));
        try {
            return new Worker(Hazelcast.newHazelcastInstance(c));
        } catch (HazelcastException | IllegalStateException e) {
            throw new SubstrateUnavailableException("the worker could not start on " + s.bind() + ":" + s.port()
                    + ": " + e.getMessage() + "; check that the port is free and the address is this machine's", e);
        }
    }

    /** {@code host:port} this member listens on. */
    public String address() {
        InetSocketAddress a = member.getCluster().getLocalMember().getSocketAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /** Members in the cluster now, this one included. */
    public int members() {
        return member.getCluster().getMembers().size();
    }

    /** Blocks until the member has stopped ({@link #close}, or the cluster shut it down). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Leaves the cluster; runs in progress here are lost to it and resubmitted by their sweeps. */
    @Override
    public void close() {
        member.shutdown();
        stopped.countDown();
    }
}
