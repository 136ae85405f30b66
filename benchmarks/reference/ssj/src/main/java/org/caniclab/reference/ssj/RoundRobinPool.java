package org.caniclab.reference.ssj;

import java.util.ArrayDeque;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Sim;
import umontreal.ssj.stat.Tally;

/**
 * The workload of {@code benchmarks/scenarios/continuous-1m.toml} as an SSJ 3.3.2 user writes it, for the
 * start-up comparison of issue 9 §6 ({@code benchmarks/startup}): a pool of 8 single servers with exponential
 * service (mean 1.2 ms), each with its own FIFO queue, fed round robin by Poisson arrivals at 5 000/s from
 * t = 2 s to t = 202 s (10^6 requests); waits and latencies are tallied from the end of the 2 s warm-up.
 * The style of SSJ's own examples (QueueEv): simulated time in seconds, one {@link Event} subclass per kind
 * of event, a new departure event per service, {@link MRG32k3a} streams, {@link Tally} statistics and their
 * reports.
 *
 * <pre>{@code
 * java -jar benchmarks/reference/ssj/target/ssj-round-robin.jar
 * }</pre>
 */
public final class RoundRobinPool {
    static final int SERVERS = 8;
    static final double RATE = 5_000.0; // arrivals per second
    static final double MEAN_SERVICE = 0.0012; // seconds
    static final double WARMUP = 2.0;
    static final double END = 202.0;

    final RandomVariateGen interArrivals = new ExponentialGen(new MRG32k3a(), RATE);
    final RandomVariateGen services = new ExponentialGen(new MRG32k3a(), 1.0 / MEAN_SERVICE);
    final Server[] servers = new Server[SERVERS];
    final Tally waits = new Tally("Waiting times (s)");
    final Tally latencies = new Tally("Latencies (s)");
    int next; // the round robin's next server
    long arrived;

    /** One customer: its arrival time and its service time, drawn at arrival. */
    record Customer(double arrivalTime, double serviceTime) {}

    final class Server {
        final ArrayDeque<Customer> queue = new ArrayDeque<>();
        Customer inService;

        void start(Customer c) {
            inService = c;
            waits.add(Sim.time() - c.arrivalTime());
            new Departure(this).schedule(c.serviceTime());
        }
    }

    final class Arrival extends Event {
        @Override
        public void actions() {
            if (Sim.time() < END) {
                new Arrival().schedule(interArrivals.nextDouble());
            }
            arrived++;
            Customer c = new Customer(Sim.time(), services.nextDouble());
            Server s = servers[next];
            next = (next + 1) % SERVERS;
            if (s.inService == null) {
                s.start(c);
            } else {
                s.queue.addLast(c);
            }
        }
    }

    final class Departure extends Event {
        final Server server;

        Departure(Server server) {
            this.server = server;
        }

        @Override
        public void actions() {
            latencies.add(Sim.time() - server.inService.arrivalTime());
            server.inService = null;
            if (!server.queue.isEmpty()) {
                server.start(server.queue.removeFirst());
            }
        }
    }

    final class EndOfWarmup extends Event {
        @Override
        public void actions() {
            waits.init();
            latencies.init();
        }
    }

    final class EndOfSimulation extends Event {
        @Override
        public void actions() {
            Sim.stop();
        }
    }

    void simulate() {
        for (int i = 0; i < SERVERS; i++) {
            servers[i] = new Server();
        }
        Sim.init();
        new EndOfWarmup().schedule(WARMUP);
        new EndOfSimulation().schedule(END);
        new Arrival().schedule(WARMUP + interArrivals.nextDouble());
        Sim.start();
    }

    public static void main(String[] args) {
        RoundRobinPool pool = new RoundRobinPool();
        long started = System.nanoTime();
        pool.simulate();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("arrived " + pool.arrived + ", simulation " + String.format("%.3f", seconds) + " s");
        System.out.println(pool.waits.report());
        System.out.println(pool.latencies.report());
    }
}
