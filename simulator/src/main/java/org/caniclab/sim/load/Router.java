package org.caniclab.sim.load;

import java.util.SplittableRandom;
import org.caniclab.sim.model.RouterKind;

/**
 * Which of a pool's registered workers a new request goes to (the models with a queue per worker; the
 * shared queue does not route). One implementation per {@link RouterKind}.
 */
sealed interface Router permits RoundRobinRouter, RandomRouter, ShortestQueueRouter {

    /** The router for {@code kind} ({@code null}: round robin); {@code rng} feeds the random router. */
    static Router of(RouterKind kind, SplittableRandom rng) {
        return switch (kind == null ? RouterKind.ROUND_ROBIN : kind) {
            case ROUND_ROBIN -> new RoundRobinRouter();
            case RANDOM -> new RandomRouter(rng);
            case SHORTEST_QUEUE -> new ShortestQueueRouter();
        };
    }

    /** One of {@code workers[0..n)}; {@code n >= 1}. */
    Worker pick(Worker[] workers, int n);

    /**
     * Whether {@link #pick} reads the workers' loads ({@link Worker#load()}), which single servers must then settle
     * before every pick.
     */
    default boolean readsLoad() {
        return false;
    }
}
