package org.caniclab.sim.ic;

import java.util.function.Consumer;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.load.Pool;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.PoolSpec;

/**
 * The load-aware autoscaler of one pool, ticking on the hub. Every interval: desired = ⌈arrival rate over the last
 * interval × mean service time / target utilization⌉, which the hub's workflow receives as the pool's demand (the
 * load-aware policy's floor is {@code max(min_workers, desired)}); when the observed count is below that floor and
 * the last spawn is older than the cooldown, it asks for {@code floor − observed} {@code create_worker} calls at
 * once (capped by the room below {@code max_workers}, at least one so that a refusal is recorded, and by
 * {@value #MAX_CALLS}).
 *
 * <p>Decisions ({@link AutoscaleDecision}): {@code scale_up} / {@code cooldown} / {@code hold} (the last only when
 * desired changed), with desired, registered and reserved workers, arrivals and calls as numbers.
 */
final class Autoscaler {
    /** Most {@code create_worker} calls one tick asks for. */
    static final int MAX_CALLS = 1024;

    private final Engine engine;
    private final PoolSpec spec;
    private final AutoscalerSpec settings;
    private final Pool pool;
    private final ScalingWorkflow workflow;
    private final Consumer<AutoscaleDecision> log;
    private final Runnable createWorker;
    private long lastTick;
    private long lastArrivals;
    private boolean spawned;
    private long lastSpawn;
    private int lastDesired = -1;

    /**
     * @param createWorker sends one {@code create_worker} for this pool on the hub (scheduled by the autoscaler)
     */
    Autoscaler(Engine engine, PoolSpec spec, AutoscalerSpec settings, Pool pool, ScalingWorkflow workflow,
            Consumer<AutoscaleDecision> log, Runnable createWorker) {
        this.engine = engine;
        this.spec = spec;
        this.settings = settings;
        this.pool = pool;
        this.workflow = workflow;
        this.log = log;
        this.createWorker = createWorker;
    }

    void tick() {
        long now = engine.now();
        long arrivals = pool.arrivalsTotal() - lastArrivals;
        double seconds = (now - lastTick) / 1e9;
        lastArrivals = pool.arrivalsTotal();
        lastTick = now;
        double rate = seconds > 0 ? arrivals / seconds : 0;
        double need = rate * pool.meanServiceNanos() / 1e9 / settings.targetUtilization();
        int desired = (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.ceil(need - 1e-9)));
        workflow.observeDemand(spec.name(), desired);
        ScalePoolPolicy policy = spec.policy();
        int floor = Math.max(policy.minWorkers(), desired);
        int observed = workflow.observedCount(spec.name());
        int deficit = floor - observed;
        if (deficit > 0) {
            if (spawned && now - lastSpawn < settings.cooldownNanos()) {
                event("cooldown", desired, arrivals, 0);
            } else {
                int room = policy.maxWorkers() > 0 ? Math.max(1, policy.maxWorkers() - observed) : deficit;
                int n = Math.min(Math.min(deficit, room), MAX_CALLS);
                spawned = true;
                lastSpawn = now;
                event("scale_up", desired, arrivals, n);
                for (int i = 0; i < n; i++) {
                    engine.schedule(now, createWorker);
                }
            }
        } else if (desired != lastDesired) {
            event("hold", desired, arrivals, 0);
        }
        lastDesired = desired;
    }

    private void event(String outcome, int desired, long arrivals, int calls) {
        log.accept(new AutoscaleDecision(engine.now(), spec.name(), outcome, desired,
                workflow.registry().countByPool(spec.name()), workflow.reservedCount(spec.name()), arrivals, calls));
    }
}
