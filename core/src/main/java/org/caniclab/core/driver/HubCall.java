package org.caniclab.core.driver;

import java.util.Objects;

/**
 * One call a hub receives: the vocabulary every substrate, the simulator's timers and the schedule explorer share.
 *
 * <pre>{@code
 * List<HubCall> calls = List.of(new HubCall.Bootstrap(), new HubCall.CreateWorker("api"));
 * driver.execute(calls.get(1), "scheduled");
 * }</pre>
 */
public sealed interface HubCall {
    /** The call's name as orchestration events and reports spell it. */
    String label();

    /** The pool the call is about; empty for the bootstrap, which walks every pool. */
    String pool();

    /** The init-time bootstrap of every pool's {@code initial_workers}. */
    record Bootstrap() implements HubCall {
        @Override
        public String label() {
            return "bootstrap";
        }

        @Override
        public String pool() {
            return "";
        }

        @Override
        public String toString() {
            return "bootstrap()";
        }
    }

    /** A {@code create_worker(pool)} update call. */
    record CreateWorker(String pool) implements HubCall {
        public CreateWorker {
            Objects.requireNonNull(pool, "pool");
        }

        @Override
        public String label() {
            return "create_worker";
        }

        @Override
        public String toString() {
            return "create_worker(\"" + pool + "\")";
        }
    }

    /** A {@code plan_create_worker(pool)} dry run. */
    record PlanCreateWorker(String pool) implements HubCall {
        public PlanCreateWorker {
            Objects.requireNonNull(pool, "pool");
        }

        @Override
        public String label() {
            return "plan_create_worker";
        }

        @Override
        public String toString() {
            return "plan_create_worker(\"" + pool + "\")";
        }
    }
}
