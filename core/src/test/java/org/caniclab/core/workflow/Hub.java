package org.caniclab.core.workflow;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.verify.ControlledIcRuntime;

/** Test fixture: a hub on a {@link ControlledIcRuntime} whose metric rows are logged as {@code op/outcome/reason}. */
final class Hub {
    static final CanisterRole ROLE = new CanisterRole("scale");

    final ControlledIcRuntime ic;
    final List<String> rows = new ArrayList<>();
    final ScalingWorkflow wf;
    private long nextStale = 1_000_000;

    private Hub(IcRuntime runtime, ControlledIcRuntime ic, ScalingConfig cfg, ConcurrencyMode mode,
            boolean validate, boolean keepDryRunRows) {
        this.ic = ic;
        this.wf = ScalingWorkflow.builder(runtime)
                .config(cfg)
                .mode(mode)
                .validateConfig(validate)
                .keepDryRunRows(keepDryRunRows)
                .metrics(new ScalingMetrics((op, out, r) -> rows.add(op.label() + "/" + out.label() + "/" + r.label())))
                .build();
    }

    private Hub(IcRuntime runtime, ControlledIcRuntime ic, ScalingConfig cfg, ConcurrencyMode mode) {
        this(runtime, ic, cfg, mode, true, false);
    }

    static Hub of(ScalingConfig cfg, ConcurrencyMode mode) {
        ControlledIcRuntime ic = new ControlledIcRuntime();
        return new Hub(ic, ic, cfg, mode);
    }

    /** A hub whose table skipped Canic's validation, as if a configuration Canic refuses had reached the runtime. */
    static Hub unvalidated(ScalingConfig cfg, ConcurrencyMode mode) {
        ControlledIcRuntime ic = new ControlledIcRuntime();
        return new Hub(ic, ic, cfg, mode, false, false);
    }

    static Hub unvalidated(ScalingConfig cfg) {
        return unvalidated(cfg, ConcurrencyMode.SEED_0_33_3);
    }

    /** A hub whose dry runs keep their metric rows (which the IC discards). */
    static Hub keepingDryRunRows(ScalingConfig cfg, ConcurrencyMode mode) {
        ControlledIcRuntime ic = new ControlledIcRuntime();
        return new Hub(ic, ic, cfg, mode, true, true);
    }

    static Hub keepingDryRunRows(ScalingConfig cfg) {
        return keepingDryRunRows(cfg, ConcurrencyMode.SEED_0_33_3);
    }

    static Hub of(ScalingConfig cfg) {
        return of(cfg, ConcurrencyMode.SEED_0_33_3);
    }

    /** A hub on a runtime of the test's own; {@link #ic} is null. */
    static Hub on(IcRuntime runtime, ScalingConfig cfg, ConcurrencyMode mode) {
        return new Hub(runtime, null, cfg, mode);
    }

    static ScalingConfig pool(String name, int initial, int min, int max) {
        return ScalingConfig.builder().pool(name, new ScalePool(ROLE, new ScalePoolPolicy(initial, min, max))).build();
    }

    /** Registers {@code n} workers in {@code pool} directly, as stale rows from an earlier run. */
    void preRegister(String pool, int n) {
        for (int i = 0; i < n; i++) {
            wf.registry().upsert(Principal.canisterId(nextStale++), new WorkerEntry(pool, ROLE, 0));
        }
    }

    /** Root answers the oldest pending create successfully. */
    Principal completeOldest() {
        return ic.complete(ic.pending().get(0));
    }

    List<String> takeRows() {
        List<String> out = List.copyOf(rows);
        rows.clear();
        return out;
    }

    static CanicError failure(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertTrue(f.isDone(), "stage is still pending");
        try {
            Object v = f.join();
            return fail("stage succeeded with " + v);
        } catch (CompletionException e) {
            return assertInstanceOf(CanicError.class, e.getCause());
        }
    }

    static <T> T success(CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        assertTrue(f.isDone(), "stage is still pending");
        assertTrue(!f.isCompletedExceptionally(), () -> "stage failed: " + f.handle((v, t) -> t).join());
        return f.join();
    }
}
