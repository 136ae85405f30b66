package org.caniclab.sim.substrate.pocketic;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.caniclab.core.ic.Principal;

/**
 * {@link FakePocketIc} for tests outside this package (the CLI's): the strict loopback fake, started and
 * observed through a public handle, so the fake itself can stay package-private.
 *
 * <pre>{@code
 * try (LoopbackPocketIc fake = LoopbackPocketIc.start()) {
 *     cli.execute("replay", "scenarios/bootstrap-race.toml", "--backend", "pocketic", "--pocketic-url", fake.url());
 *     List<Principal> made = fake.allocated(0);
 * }
 * }</pre>
 */
public final class LoopbackPocketIc implements AutoCloseable {
    private final FakePocketIc fake;

    private LoopbackPocketIc(FakePocketIc fake) {
        this.fake = fake;
    }

    public static LoopbackPocketIc start() {
        return new LoopbackPocketIc(FakePocketIc.start());
    }

    /** The next create is rejected by the management canister with this reject code, error code and message. */
    public LoopbackPocketIc rejectNextCreate(int rejectCode, int errorCode, String message) {
        fake.rejectNextCreate(new FakePocketIc.Reject(rejectCode, errorCode, message));
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return fake.url().toString();
    }

    public URI uri() {
        return fake.url();
    }

    /** The canisters instance {@code instance} created, in creation order. */
    public List<Principal> allocated(long instance) {
        return fake.allocated(instance);
    }

    /** The cycles canister {@code id} of {@code instance} was created with. */
    public BigInteger cycles(long instance, Principal id) {
        return fake.canister(instance, id).cycles();
    }

    /** Whether {@code instance} was deleted. */
    public boolean deleted(long instance) {
        return fake.deleted(instance);
    }

    /** How many requests the fake has answered. */
    public int requestCount() {
        return fake.requests().size();
    }

    @Override
    public void close() {
        fake.close();
    }
}
