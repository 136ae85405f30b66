package org.caniclab.sim.substrate;

import java.util.List;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.model.Scenario;

/**
 * A substrate that replays a scenario's orchestration on a networked IC ({@link OrchestrationReplay}): what every
 * network backend refuses and accepts is said here once.
 *
 * <pre>{@code
 * final class MyBackend extends NetworkSubstrate {
 *     public RunResult run(Scenario s, ProgressListener p) { ... OrchestrationReplay.run(s, remote, "mine", t) ... }
 * }
 * Substrate none = NetworkSubstrate.unavailable("backend 'x' needs --x-url");   // exit 3 when run
 * }</pre>
 */
public abstract class NetworkSubstrate implements Substrate {
    @Override
    public final List<String> unsupportedKeys(Scenario scenario) {
        return OrchestrationReplay.unsupportedKeys(scenario);
    }

    @Override
    public final String accepted() {
        return OrchestrationReplay.ACCEPTED;
    }

    /**
     * A network backend that cannot be reached as configured: it still refuses a scenario's unsupported keys (exit 2,
     * reported first), and running it fails with {@code message} (exit 3).
     */
    public static Substrate unavailable(String message) {
        return new NetworkSubstrate() {
            @Override
            public RunResult run(Scenario scenario, ProgressListener progress) {
                throw new SubstrateUnavailableException(message);
            }
        };
    }
}
