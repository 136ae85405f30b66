package org.caniclab.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;

/**
 * An {@link IcRuntime} whose root creates every canister at once: the stage is already complete, so the
 * workflow's continuation runs on the caller's thread before {@code createWorker} returns. What is left
 * to time is the workflow itself, plus this runtime's own cost (one principal, one outcome and one completed
 * future per call), which every mode pays alike.
 */
final class InstantIcRuntime implements IcRuntime {
    private final Principal self = Principal.canisterId(0);
    private long nextIndex = 1;

    @Override
    public Principal self() {
        return self;
    }

    @Override
    public long now() {
        return 1_700_000_000_000_000_000L;
    }

    @Override
    public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
        return CompletableFuture.completedFuture(new CreateOutcome.Created(Principal.canisterId(nextIndex++)));
    }
}
