package org.caniclab.sim.substrate.ic;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.core.ic.Principal;

/**
 * {@link FakeReplica} for tests outside this package (the CLI's), through a public handle, so the fake itself stays
 * package-private; also writes the test key files.
 *
 * <pre>{@code
 * try (LoopbackReplica replica = LoopbackReplica.start()) {
 *     cli.execute("replay", "scenarios/bootstrap-race.toml", "--backend", "ic", "--ic-url", replica.url(), ...);
 * }
 * }</pre>
 */
public final class LoopbackReplica implements AutoCloseable {
    private final FakeReplica fake;

    private LoopbackReplica(FakeReplica fake) {
        this.fake = fake;
    }

    public static LoopbackReplica start() {
        return new LoopbackReplica(FakeReplica.start());
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return fake.url().toString();
    }

    public List<Principal> allocated() {
        return fake.allocated();
    }

    public BigInteger cycles(Principal id) {
        return fake.canister(id).cycles();
    }

    public List<String> protocolErrors() {
        return fake.protocolErrors();
    }

    public int requestCount() {
        return fake.requestCount();
    }

    public LoopbackReplica signWithWrongKey() {
        fake.signWithWrongKey(true);
        return this;
    }

    public LoopbackReplica rejectCreates(int code, String errorCode, String message) {
        fake.rejectCreates(code, errorCode, message);
        return this;
    }

    @Override
    public void close() {
        fake.close();
    }

    /** A key file and every printable form of its secret (see {@link TestKeys.Key#secretForms}). */
    public record KeyFile(Path path, List<String> secretForms) {}

    public static KeyFile ed25519(Path dir) throws java.io.IOException {
        TestKeys.Key k = TestKeys.ed25519V2(11);
        return new KeyFile(k.write(dir), k.secretForms());
    }

    public static KeyFile ed25519V1(Path dir) throws java.io.IOException {
        TestKeys.Key k = TestKeys.ed25519V1(12);
        return new KeyFile(k.write(dir), k.secretForms());
    }

    public static KeyFile secp256k1(Path dir) throws java.io.IOException {
        TestKeys.Key k = TestKeys.secp256k1(13, true);
        return new KeyFile(k.write(dir), k.secretForms());
    }
}
