package org.caniclab.sim.substrate;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.RunControl;
import org.caniclab.sim.Substrate;
import org.caniclab.sim.model.Scenario;

/**
 * A substrate that replays a scenario's orchestration on a networked IC ({@link OrchestrationReplay}): what every
 * network backend refuses and accepts is said here once.
 *
 * <pre>{@code
 * final class MyBackend extends NetworkSubstrate {
 *     protected RunResult replay(Scenario s, BooleanSupplier stop) {
 *         ... OrchestrationReplay.run(s, remote, "mine", timeout, stop) ...
 *     }
 * }
 * Substrate none = NetworkSubstrate.unavailable("backend 'x' needs --x-url");   // exit 3 when run
 * }</pre>
 */
public abstract class NetworkSubstrate implements Substrate {
    @Override
    public final RunResult run(Scenario scenario, ProgressListener progress) {
        return replay(scenario, () -> false);
    }

    /** Replays under {@code control}'s stop flag (a network replay's few rows never spill). */
    @Override
    public final RunResult run(Scenario scenario, RunControl control) {
        return replay(scenario, control.stopRequested());
    }

    /**
     * Replays the scenario, giving up with {@link org.caniclab.sim.RunStoppedException} once {@code stopRequested}
     * says so (polled while the replay waits on the network; see {@link OrchestrationReplay#STOP_POLL}), after
     * releasing what the backend set up for the run.
     */
    protected abstract RunResult replay(Scenario scenario, BooleanSupplier stopRequested);

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
            protected RunResult replay(Scenario scenario, BooleanSupplier stopRequested) {
                throw new SubstrateUnavailableException(message);
            }
        };
    }
}
