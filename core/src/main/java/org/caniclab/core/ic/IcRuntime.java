package org.caniclab.core.ic;

import java.util.concurrent.CompletionStage;

/**
 * The port through which the workflow reaches the Internet Computer: who the hub is, what time it is,
 * and asking root to create a child canister.
 *
 * <p>Contract: every stage returned by {@link #createCanister} completes <em>in the hub's execution
 * context</em> — the simulator's event loop, a test's own thread, or a single-threaded executor owned by
 * the hub. Workflow code between two awaits therefore runs atomically, as one IC message execution does.
 * A failed stage carries an {@link org.caniclab.core.error.CanicError} saying how the failure is
 * classified (root's rejection, a transport failure, ...); any other throwable is treated as a
 * transport failure.
 *
 * <pre>{@code
 * IcRuntime ic = ...;
 * ic.createCanister(new CanisterRole("scale"), ic.self())
 *   .thenAccept(pid -> System.out.println("created " + pid));
 * }</pre>
 */
public interface IcRuntime {
    /** The principal of the canister running the workflow (the hub). */
    Principal self();

    /** The current time in nanoseconds since the epoch, as {@code ic_cdk::api::time()} reports it. */
    long now();

    /** Asks root to create and install a child of {@code role} whose parent is {@code parent}. */
    CompletionStage<Principal> createCanister(CanisterRole role, Principal parent);
}
