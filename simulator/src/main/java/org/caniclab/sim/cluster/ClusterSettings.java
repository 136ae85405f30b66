package org.caniclab.sim.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * What workers and sweeps agree on (the cluster's name, the executor's name) and the properties that keep Hazelcast
 * to itself: no log output, no phone-home, no shutdown hook of its own, and failure detection in seconds rather than
 * a minute, since a sweep waits on a departed member's runs until it is noticed.
 */
final class ClusterSettings {
    static final String CLUSTER_NAME = "caniclab-sweep";
    static final String EXECUTOR = "caniclab-runs";
    /** How long a sweep tries to reach the cluster, at the start and after losing every connection. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private ClusterSettings() {}

    /** Set before any Hazelcast class logs: some log through the system property before a config is read. */
    static void quietLogging() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
    }

    static Config member() {
        quietLogging();
        Config c = new Config();
        c.setClusterName(CLUSTER_NAME);
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        // Join at once (the defaults wait 5 s for other members first), and drop a silent member after 10 s.
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "2");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        c.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        return c;
    }

    static ClientConfig client(List<String> addresses) {
        quietLogging();
        ClientConfig c = new ClientConfig();
        c.setClusterName(CLUSTER_NAME);
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A connection that stays silent this long is closed and its runs fail over to the other members.
        c.setProperty("hazelcast.client.heartbeat.interval", "1000");
        c.setProperty("hazelcast.client.heartbeat.timeout", "10000");
        c.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
        c.getNetworkConfig().setConnectionTimeout(5_000);
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .setInitialBackoffMillis(200)
                .setMaxBackoffMillis(1_000);
        return c;
    }

    /**
     * {@code host:port[,host:port...]} as the addresses it names; an {@link IllegalArgumentException} saying what is
     * accepted otherwise.
     */
    static List<String> addresses(String option, String list) {
        List<String> out = new ArrayList<>();
        for (String a : list.split(",", -1)) {
            String s = a.strip();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port >= 1 && port <= 65_535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException(option + " '" + s + "' is not host:port; accepted: comma-separated "
                        + "host:port addresses, port 1 to 65535, e.g. 127.0.0.1:5701,127.0.0.1:5702");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
