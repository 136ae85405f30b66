package org.caniclab.sim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caniclab.reports.SweepReportWriter;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.cli.Main;
import org.caniclab.sim.sweep.Sweep;
import org.caniclab.sim.sweep.SweepPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Sweeps on a cluster of two {@code caniclab worker} JVMs on 127.0.0.1: one is killed mid-sweep, and the files are
 * still byte for byte those of a local sweep; an unreachable cluster is exit 3 with one line.
 */
@Tag("cluster")
class ClusterSweepTest {
    static final List<String> FILES = List.of("runs.csv", "aggregate.csv", "sweep.json");

    @TempDir
    Path dir;

    /** A member JVM and the lines it printed. */
    record Member(Process process, BlockingQueue<String> lines) {
        String awaitReady() throws InterruptedException {
            String line = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("worker ready at "), "the worker started: " + line
                    + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            return line;
        }
    }

    static Member worker(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.caniclab.sim.cli.Main", "worker", "--threads", "1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "worker-stdout");
        reader.setDaemon(true);
        reader.start();
        return new Member(p, lines);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void stop(List<Member> members) throws InterruptedException {
        for (Member m : members) {
            m.process().destroy();
        }
        for (Member m : members) {
            if (!m.process().waitFor(15, TimeUnit.SECONDS)) {
                m.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static Path steady() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scenarios/steady.toml"))) {
                return p.resolve("scenarios/steady.toml");
            }
        }
        throw new IllegalStateException("no scenarios/steady.toml above " + Path.of("").toAbsolutePath());
    }

    record Cli(int exit, String out, String err) {}

    static Cli cli(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Cli(cli.execute(args), out.toString(), err.toString());
    }

    static void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aMemberKilledMidSweepLosesNothingAndTheFilesAreThoseOfALocalSweep() throws Exception {
        int a = freePort();
        int b = freePort();
        List<Member> members = new ArrayList<>();
        try {
            Member first = worker(dir.resolve("a.log"), "--port", String.valueOf(a));
            members.add(first);
            assertTrue(first.awaitReady().contains("127.0.0.1:" + a), "member a listens where told");
            Member second = worker(dir.resolve("b.log"), "--port", String.valueOf(b), "--join", "127.0.0.1:" + a);
            members.add(second);
            assertTrue(second.awaitReady().contains("(2 members"), "member b joined member a");

            // Enough runs that both members hold some when one is killed after the first results are in.
            SweepPlan plan = new SweepPlan(steady(), List.of("run.duration=30s"), List.of(
                    new SweepPlan.Vary("hub.mode", List.of("seed-0.33.3", "reserved")),
                    new SweepPlan.Vary("pools.api.policy.max_workers", List.of("2", "4"))), 30, OptionalLong.of(7));
            Sweep.Outcome onCluster;
            AtomicBoolean killed = new AtomicBoolean();
            int resubmitted;
            try (ClusterRunExecutor cluster = ClusterRunExecutor.connect("127.0.0.1:" + a + ",127.0.0.1:" + b)) {
                assertEquals(2, cluster.members());
                onCluster = Sweep.run(plan, cluster, "test", new Sweep.Listener() {
                    @Override
                    public void progress(int done, int total) {
                        if (done >= 8 && killed.compareAndSet(false, true)) {
                            second.process().destroyForcibly();
                        }
                    }
                });
                resubmitted = cluster.resubmitted();
            }
            assertTrue(killed.get(), "member b was killed during the sweep");
            assertTrue(!second.process().isAlive() || second.process().waitFor(5, TimeUnit.SECONDS));
            assertTrue(resubmitted > 0, "runs lost with member b were submitted again: " + resubmitted);
            Sweep.Outcome local = Sweep.run(plan, new Simulator(), 2, "test", Sweep.Listener.NONE);
            Path c = Files.createDirectories(dir.resolve("cluster"));
            Path l = Files.createDirectories(dir.resolve("local"));
            SweepReportWriter.write(c, onCluster.result(), "", List.of("workers_peak"));
            SweepReportWriter.write(l, local.result(), "", List.of("workers_peak"));
            assertSameFiles(l, c);
            assertEquals(1 + 4 * 30, Files.readAllLines(c.resolve("runs.csv")).size(), "every run, once");

            // The command line on the member that is left: the same files as the local command.
            String[] sweep = {"sweep", steady().toString(), "--set", "run.duration=30s", "--vary",
                "hub.mode=seed-0.33.3,reserved", "-r", "3", "--quiet", "--out"};
            Cli onA = cli(concat(sweep, dir.resolve("cli-cluster").toString(), "--cluster", "127.0.0.1:" + a));
            assertEquals(0, onA.exit(), onA.err());
            Cli here = cli(concat(sweep, dir.resolve("cli-local").toString()));
            assertEquals(0, here.exit(), here.err());
            assertSameFiles(dir.resolve("cli-local"), dir.resolve("cli-cluster"));
        } finally {
            stop(members);
        }
        for (Member m : members) {
            assertTrue(!m.process().isAlive(), "every worker stopped");
        }
        // The JVM's own status for SIGTERM (128 + 15), after the shutdown hook left the cluster: not a forced kill.
        assertEquals(143, members.get(0).process().exitValue(), "SIGTERM stops a worker through its hook");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStoppedSweepCancelsItsRunsOnTheMembers() throws Exception {
        int a = freePort();
        List<Member> members = new ArrayList<>();
        try {
            Member only = worker(dir.resolve("a.log"), "--port", String.valueOf(a)); // one run at a time (--threads 1)
            members.add(only);
            only.awaitReady();
            // Runs of 1000 simulated hours, about 13 s each: the member's one thread is busy with the first for a while.
            SweepPlan slow = new SweepPlan(steady(), List.of("run.duration=1000h"), List.of(), 2, OptionalLong.of(7));
            AtomicBoolean stop = new AtomicBoolean();
            try (ClusterRunExecutor cluster = ClusterRunExecutor.connect("127.0.0.1:" + a)) {
                Thread stopper = new Thread(() -> {
                    try {
                        Thread.sleep(1_500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    stop.set(true);
                });
                stopper.start();
                long t0 = System.nanoTime();
                assertThrows(RunStoppedException.class, () -> Sweep.run(slow, cluster, "test", new Sweep.Listener() {
                    @Override
                    public boolean stopRequested() {
                        return stop.get();
                    }
                }));
                double stoppedAfter = (System.nanoTime() - t0) / 1e9;
                assertTrue(stoppedAfter < 5, "the sweep stopped " + stoppedAfter + " s in, soon after the flag");
                // Cancelled on the member, the long run frees its one thread: a short sweep goes through at once.
                long t1 = System.nanoTime();
                Sweep.run(new SweepPlan(steady(), List.of(), List.of(), 1, OptionalLong.of(7)), cluster, "test",
                        Sweep.Listener.NONE);
                double shortTook = (System.nanoTime() - t1) / 1e9;
                assertTrue(shortTook < 8, "the member was still busy with a cancelled run: " + shortTook + " s");
            }
        } finally {
            stop(members);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnreachableClusterIsExit3WithOneLine() throws IOException {
        int nobody = freePort();
        Path out = dir.resolve("none");
        Cli r = cli("sweep", steady().toString(), "-r", "1", "--out", out.toString(), "--cluster",
                "127.0.0.1:" + nobody);
        assertEquals(3, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(s -> !s.isBlank()).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("127.0.0.1:" + nobody) && lines.get(0).contains("unreachable"), lines.get(0));
        assertTrue(!Files.exists(out.resolve("runs.csv")), "nothing is written");
    }

    @Test
    void aMalformedClusterAddressIsAUsageError() {
        for (String bad : List.of("localhost", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:x", ":5701")) {
            Cli r = cli("sweep", steady().toString(), "-r", "1", "--out", dir.resolve("x").toString(), "--cluster", bad);
            assertEquals(2, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("--cluster") && r.err().contains("accepted"), r.err());
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
