package org.caniclab.sim.substrate.ic;

/**
 * The bounds on talking to an endpoint, in milliseconds: opening a connection, one HTTP request, and the whole of one
 * update call (submission plus polling), and how often its status is polled (doubling from the first interval to the
 * longest).
 *
 * <pre>{@code
 * AgentTimeouts fast = new AgentTimeouts(500, 2_000, 5_000, 5, 50);
 * }</pre>
 */
public record AgentTimeouts(long connectMillis, long requestMillis, long callMillis, long firstPollMillis,
        long longestPollMillis) {
    /**
     * For a real endpoint: a call on mainnet answers in 2-3 s (§D), so 60 s per call is generous; polling starts at
     * 100 ms and backs off to 1 s.
     */
    public static final AgentTimeouts DEFAULT = new AgentTimeouts(5_000, 20_000, 60_000, 100, 1_000);

    public AgentTimeouts {
        if (connectMillis < 1 || requestMillis < 1 || callMillis < 1 || firstPollMillis < 1
                || longestPollMillis < firstPollMillis) {
            throw new IllegalArgumentException("timeouts must be positive and the longest poll at least the first: "
                    + connectMillis + ", " + requestMillis + ", " + callMillis + ", " + firstPollMillis + ", "
                    + longestPollMillis);
        }
    }
}
