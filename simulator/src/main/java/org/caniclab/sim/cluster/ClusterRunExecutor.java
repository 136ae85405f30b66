package org.caniclab.sim.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.sweep.RunExecutor;
import org.caniclab.sim.sweep.RunTask;
import org.caniclab.sim.sweep.Sweep;

/**
 * A sweep's runs on a Hazelcast cluster of {@link Worker}s: connects as a client, submits each run (a small
 * serializable task: scenario text, overrides, seed) to the members' executor, at most {@link #IN_FLIGHT} at a time,
 * and gathers the figures in plan order. A run lost with its member (it left, was killed, or went silent past the
 * heartbeat timeout) is submitted again, at most {@link #ATTEMPTS} times in all; since a run depends only on its
 * scenario and seed, the figures are the same as a local sweep's, byte for byte once written.
 *
 * <pre>{@code
 * try (ClusterRunExecutor cluster = ClusterRunExecutor.connect("127.0.0.1:5701,127.0.0.1:5702")) {
 *     Sweep.Outcome o = Sweep.run(plan, cluster, "0.1.0", Sweep.Listener.NONE);
 * }
 * }</pre>
 */
public final class ClusterRunExecutor implements RunExecutor, AutoCloseable {
    /** Runs submitted and not yet back: enough to keep every member busy, few enough that a lost member costs little. */
    static final int IN_FLIGHT = 32;
    /** Submissions of one run before the sweep gives up on the cluster. */
    static final int ATTEMPTS = 5;
    /** How often, waiting for outcomes, the sweep's stop flag is looked at. */
    static final long STOP_POLL_MILLIS = 100;

    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final String addresses;
    private final AtomicInteger resubmitted = new AtomicInteger();

    private ClusterRunExecutor(HazelcastInstance client, String addresses) {
        this.client = client;
        this.executor = client.getExecutorService(ClusterSettings.EXECUTOR);
        this.addresses = addresses;
    }

    /**
     * Connects to the cluster one of {@code addresses} ({@code host:port[,host:port...]}) belongs to.
     *
     * @throws IllegalArgumentException when {@code addresses} is not such a list (the message says what is accepted)
     * @throws SubstrateUnavailableException when no member answers within 5 s
     */
    public static ClusterRunExecutor connect(String addresses) {
        List<String> list = ClusterSettings.addresses("--cluster", addresses);
        try {
            return new ClusterRunExecutor(HazelcastClient.newHazelcastClient(ClusterSettings.client(list)),
                    String.join(",", list));
        } catch (IllegalStateException | HazelcastException e) {
            throw new SubstrateUnavailableException("cluster at " + String.join(",", list) + " is unreachable: no "
                    + "caniclab worker answered within " + ClusterSettings.CONNECT_TIMEOUT_MILLIS / 1000 + " s; check that 'caniclab worker' runs there and the "
                    + "addresses and ports are right", e);
        }
    }

    /** Members in the cluster now. */
    public int members() {
        return client.getCluster().getMembers().size();
    }

    /** How many runs were submitted again after their member was lost, since this executor connected. */
    public int resubmitted() {
        return resubmitted.get();
    }

    private record Done(int index, RemoteRun.Outcome outcome, Throwable failure) {}

    @Override
    @SuppressWarnings("unchecked")
    public List<LinkedHashMap<String, Double>> runAll(List<RunTask> tasks, Sweep.Listener listener)
            throws InterruptedException {
        int total = tasks.size();
        LinkedHashMap<String, Double>[] figures = new LinkedHashMap[total];
        int[] attempts = new int[total];
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        Future<?>[] inFlight = new Future<?>[total];
        Deque<Integer> retry = new ArrayDeque<>();
        int next = 0;
        int pending = 0;
        int finished = 0;
        while (finished < total) {
            while (pending < IN_FLIGHT && (!retry.isEmpty() || next < total)) {
                int i = retry.isEmpty() ? next++ : retry.poll();
                attempts[i]++;
                inFlight[i] = submit(i, RemoteRun.of(tasks.get(i)), done);
                pending++;
            }
            Done d = done.poll(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (d == null) {
                if (listener.stopRequested()) {
                    // The runs in flight are cancelled on their members (their threads interrupted, which each run
                    // polls between event batches), so a stopped sweep leaves the cluster idle.
                    for (Future<?> f : inFlight) {
                        if (f != null) {
                            f.cancel(true);
                        }
                    }
                    throw new RunStoppedException(0, 0);
                }
                continue;
            }
            inFlight[d.index()] = null;
            pending--;
            RunTask task = tasks.get(d.index());
            if (d.failure() == null) {
                if (d.outcome().failure() != null) {
                    throw new IllegalStateException("run v" + task.variant() + "-r" + task.replication() + " (seed "
                            + task.seed() + ") failed on a cluster member: " + d.outcome().failure());
                }
                figures[d.index()] = d.outcome().figures();
                finished++;
                listener.progress(finished, total);
                continue;
            }
            Throwable t = d.failure();
            if (t instanceof HazelcastClientNotActiveException) {
                throw unavailable("the connection to the cluster at " + addresses + " was lost", t);
            }
            if (!lostWithItsMember(t)) {
                throw new IllegalStateException("run v" + task.variant() + "-r" + task.replication()
                        + " could not be run on the cluster: " + t, t);
            }
            if (attempts[d.index()] >= ATTEMPTS) {
                throw unavailable("the cluster at " + addresses + " lost run v" + task.variant() + "-r"
                        + task.replication() + " " + ATTEMPTS + " times (last: " + t + ")", t);
            }
            resubmitted.incrementAndGet();
            retry.add(d.index());
        }
        return Arrays.asList(figures);
    }

    /**
     * Submits {@code run}; its outcome or failure is added to {@code done}. Returns its future, to cancel it with (the
     * client's futures are completion stages: {@code CompletableFuture}s in Hazelcast 5), or null when the run was
     * refused before it left.
     */
    private Future<?> submit(int index, RemoteRun run, BlockingQueue<Done> done) {
        Future<RemoteRun.Outcome> f;
        try {
            f = executor.submit(run);
        } catch (RuntimeException e) {
            // Refused before it left (no member at the moment, the client reconnecting): counted as a lost attempt.
            done.add(new Done(index, null, e));
            return null;
        }
        if (!(f instanceof CompletionStage<?> stage)) {
            throw new IllegalStateException("the Hazelcast client's future is not a completion stage: "
                    + f.getClass().getName());
        }
        stage.whenComplete((outcome, t) -> done.add(t == null ? new Done(index, (RemoteRun.Outcome) outcome, null)
                : new Done(index, null, t instanceof CompletionException && t.getCause() != null ? t.getCause() : t)));
        return f;
    }

    /** Failures that say where the run was, not what it is: it may well finish on another member. */
    private static boolean lostWithItsMember(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof HazelcastInstanceNotActiveException
                    || t instanceof TargetDisconnectedException || t instanceof TargetNotMemberException
                    || t instanceof OperationTimeoutException || t instanceof HazelcastClientOfflineException
                    || t instanceof RetryableException || t instanceof RejectedExecutionException
                    || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static SubstrateUnavailableException unavailable(String message, Throwable cause) {
        return new SubstrateUnavailableException(message + "; check that the 'caniclab worker' processes still run",
                cause);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
