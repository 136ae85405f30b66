package org.caniclab.core.verify;

/** One concurrent call the {@link ScheduleExplorer} delivers to the hub, at a moment of its choosing. */
public sealed interface ExplorerCall {
    /** The init-time bootstrap of {@code initial_workers}. */
    record Bootstrap() implements ExplorerCall {
        @Override
        public String toString() {
            return "bootstrap()";
        }
    }

    /** A {@code create_worker(pool)} update call. */
    record CreateWorker(String pool) implements ExplorerCall {
        @Override
        public String toString() {
            return "create_worker(\"" + pool + "\")";
        }
    }

    /** A {@code plan_create_worker(pool)} dry run. */
    record PlanCreateWorker(String pool) implements ExplorerCall {
        @Override
        public String toString() {
            return "plan_create_worker(\"" + pool + "\")";
        }
    }
}
