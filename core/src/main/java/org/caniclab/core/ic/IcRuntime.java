package org.caniclab.core.ic;

import java.util.concurrent.CompletionStage;

/**
 * The port through which the workflow reaches the Internet Computer: who the hub is, what time it is, and
 * asking root to create a child canister.
 *
 * <p>Contract: every stage returned by {@link #createCanister} completes <em>in the hub's execution
 * context</em> — the simulator's event loop, a test's own thread, or a single-threaded executor owned by the
 * hub. Workflow code between two awaits therefore runs atomically, as one IC message execution does. The stage
 * completes normally with a {@link CreateOutcome}; an exceptional completion (or a throw) is a defect of the
 * port and is classified as a transport failure. Refusals never reach the port: the workflow decides them
 * before it calls.
 *
 * <pre>{@code
 * IcRuntime ic = ...;
 * ic.createCanister(new CreateRequest("api", new CanisterRole("scale"), ic.self(), Cause.CREATE_WORKER))
 *   .thenAccept(outcome -> System.out.println(outcome));
 * }</pre>
 */
public interface IcRuntime {
    /** The principal of the canister running the workflow (the hub). */
    Principal self();

    /** The current time in nanoseconds since the epoch, as {@code ic_cdk::api::time()} reports it. */
    long now();

    /** Asks root to create and install the child the request describes. */
    CompletionStage<CreateOutcome> createCanister(CreateRequest request);
}
