package org.caniclab.core.workflow;

import java.util.Objects;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.policy.ScalingPolicy;
import org.caniclab.core.registry.WorkerRegistry;

/**
 * The options a hub's {@link ScalingWorkflow} is built with, in one place for every builder that makes one (the
 * workflow's own, and the hub driver's, which passes them on). Defaults: no scaling table, an indexed registry, fresh
 * metrics, the seed's policy and concurrency mode, the table validated, dry-run rows discarded.
 *
 * <pre>{@code
 * ScalingWorkflow wf = ScalingWorkflow.builder(ic).config(cfg).mode(ConcurrencyMode.RESERVED).build();
 * ScalingWorkflow same = ScalingWorkflow.builder(other).options(someDriverBuilder).build();
 * }</pre>
 *
 * @param <B> the builder itself, which every option returns
 */
public abstract class WorkflowOptions<B extends WorkflowOptions<B>> {
    ScalingConfig config;
    WorkerRegistry registry;
    ScalingMetrics metrics;
    ScalingPolicy policy;
    ConcurrencyMode mode = ConcurrencyMode.SEED_0_33_3;
    boolean validateConfig = true;
    boolean keepDryRunRows;

    protected WorkflowOptions() {}

    /** This builder, as its own type. */
    protected abstract B self();

    /** The hub's scaling table; null (the default) means the hub has none. */
    public final B config(ScalingConfig config) {
        this.config = config;
        return self();
    }

    /** The registry to keep workers in; null (the default) means an indexed {@code ScalingRegistry}. */
    public final B registry(WorkerRegistry registry) {
        this.registry = registry;
        return self();
    }

    /** The metric counters to record into (e.g. with a row listener); null (the default) means a fresh set. */
    public final B metrics(ScalingMetrics metrics) {
        this.metrics = metrics;
        return self();
    }

    /** The scaling policy; null (the default) means the seed's. */
    public final B policy(ScalingPolicy policy) {
        this.policy = policy;
        return self();
    }

    public final B mode(ConcurrencyMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return self();
    }

    /**
     * Whether building checks the scaling table with Canic's validation (the default, true) and refuses an invalid
     * one. False builds a hub with a table Canic would have refused at build time, to study what the runtime does
     * with it (e.g. the trap on a pool name above 64 bytes).
     */
    public final B validateConfig(boolean validate) {
        this.validateConfig = validate;
        return self();
    }

    /**
     * Whether dry runs ({@code plan_create_worker}) record their metric rows. The default, false, is the IC's: the dry
     * run is a query and its rows are discarded. True keeps them, which the IC does not.
     */
    public final B keepDryRunRows(boolean keep) {
        this.keepDryRunRows = keep;
        return self();
    }

    /** Every option as {@code other} has it. */
    public final B options(WorkflowOptions<?> other) {
        config = other.config;
        registry = other.registry;
        metrics = other.metrics;
        policy = other.policy;
        mode = other.mode;
        validateConfig = other.validateConfig;
        keepDryRunRows = other.keepDryRunRows;
        return self();
    }

    /** The registry option as set (null: the default), for a builder that wraps it. */
    protected final WorkerRegistry registryOption() {
        return registry;
    }
}
