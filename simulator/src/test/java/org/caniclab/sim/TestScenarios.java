package org.caniclab.sim;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.RunSettings;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;

/** Builds {@link Scenario}s in tests without a scenario file. Times are given in seconds or nanoseconds. */
public final class TestScenarios {
    public static final long S = 1_000_000_000L;
    public static final long MS = 1_000_000L;
    public static final long T = 1_000_000_000_000L;

    private String name;
    private long seed = 1;
    private long duration = 60 * S;
    private long warmup;
    private long sample = 10 * S;
    private long round = 100 * MS;
    private int callLatencyRounds = 1;
    private Distribution createLatency = new Distribution.Fixed(500 * MS);
    private long fee = 500_000_000_000L;
    private long rootCycles = 1_000 * T;
    private int subnetLimit = 120_000;
    private ConcurrencyMode mode = ConcurrencyMode.SEED_0_33_3;
    private boolean bootstrap = true;
    private long topUp;
    private final List<PoolSpec> pools = new ArrayList<>();
    private final List<LoadSource> loads = new ArrayList<>();
    private final List<ScheduledCall> calls = new ArrayList<>();
    private final List<FaultWindow> faults = new ArrayList<>();

    private TestScenarios(String name) {
        this.name = name;
    }

    public static TestScenarios named(String name) {
        return new TestScenarios(name);
    }

    public TestScenarios seed(long v) { seed = v; return this; }
    public TestScenarios duration(long nanos) { duration = nanos; return this; }
    public TestScenarios warmup(long nanos) { warmup = nanos; return this; }
    public TestScenarios sample(long nanos) { sample = nanos; return this; }
    public TestScenarios round(long nanos) { round = nanos; return this; }
    public TestScenarios callLatencyRounds(int v) { callLatencyRounds = v; return this; }
    public TestScenarios createLatency(Distribution d) { createLatency = d; return this; }
    public TestScenarios rootCycles(long v) { rootCycles = v; return this; }
    public TestScenarios subnetLimit(int v) { subnetLimit = v; return this; }
    public TestScenarios mode(ConcurrencyMode m) { mode = m; return this; }
    public TestScenarios bootstrap(boolean b) { bootstrap = b; return this; }
    public TestScenarios topUp(long nanos) { topUp = nanos; return this; }
    public TestScenarios pool(PoolSpec p) { pools.add(p); return this; }
    public TestScenarios load(LoadSource l) { loads.add(l); return this; }
    public TestScenarios call(long at, ScheduledCall.Kind kind, String pool, int count) {
        calls.add(new ScheduledCall(at, kind, pool, count));
        return this;
    }
    public TestScenarios fault(long from, long to, FaultWindow.Kind kind, double p) {
        faults.add(new FaultWindow(from, to, kind, p));
        return this;
    }

    /** A pool with 5T initial cycles; {@code autoscaler} null for none. */
    public static PoolSpec pool(String name, ScalePoolPolicy policy, ServiceModel service, RouterKind router,
            AutoscalerSpec autoscaler) {
        return new PoolSpec(name, new CanisterRole("worker"), policy, 5 * T, service, router,
                java.util.Optional.ofNullable(autoscaler));
    }

    /** A constant-rate Poisson source over {@code [from, to)}. */
    public static LoadSource poisson(String name, String pool, long from, long to, double rate) {
        return new LoadSource.Poisson(name, pool, List.of(new LoadSource.RateSegment(from, to, rate, rate)));
    }

    public Scenario build() {
        pools.sort((a, b) -> a.name().compareTo(b.name()));
        return new Scenario(name, new RunSettings(seed, duration, warmup, sample),
                new IcModel(round, callLatencyRounds, createLatency, fee, rootCycles, subnetLimit),
                new HubSettings(mode, bootstrap, topUp), pools, loads, calls, faults, List.of());
    }
}
