package org.caniclab.core.driver;

/**
 * How one {@link HubCall} ended, as its closing orchestration event says.
 *
 * <pre>{@code
 * driver.execute(new HubCall.CreateWorker("api"), "scheduled").thenAccept(o -> assert o == CallOutcome.SKIPPED);
 * }</pre>
 */
public enum CallOutcome {
    /** The call did what it was asked (a worker registered, a bootstrap finished, a dry run would spawn). */
    COMPLETED,
    /** The policy refused before anything was sent to root (or a dry run would not spawn). */
    SKIPPED,
    /** The call failed: an unknown pool, disabled scaling, root's error or a transport failure. */
    FAILED;

    /** The label orchestration events use. */
    public String label() {
        return switch (this) {
            case COMPLETED -> "completed";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
        };
    }
}
