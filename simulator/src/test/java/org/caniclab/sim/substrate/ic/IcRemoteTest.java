package org.caniclab.sim.substrate.ic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.management.RejectInfo;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.NonceFactory;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.UpdateBuilder;
import org.ic4j.agent.requestid.RequestId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IC session against the loopback fake replica, with certificate verification on: creation on both paths, the
 * reject mapping, HTTP errors, slow and unknown requests, wrong root keys, unreachable endpoints, the mainnet guard.
 */
class IcRemoteTest {
    static final AgentTimeouts FAST = new AgentTimeouts(500, 3_000, 3_000, 2, 20);
    static final Principal HUB = Principal.canisterId(1);
    static final BigInteger FIVE_T = new BigInteger("5000000000000");

    @TempDir
    Path dir;

    private final FakeReplica fake = FakeReplica.start();
    private final List<IcRemote> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(IcRemote::close);
        fake.close();
    }

    private IcIdentity ed25519() throws Exception {
        return IcIdentity.fromPem(TestKeys.ed25519V2(1).write(dir));
    }

    private IcRemote local(IcIdentity id, Optional<Principal> ecid) {
        IcRemote r = IcRemote.open(IcEndpoint.local(fake.url(), ecid), id, FAST, Optional.empty());
        opened.add(r);
        return r;
    }

    private IcRemote mainnet(IcIdentity id, long creates) {
        MainnetPlan plan = new MainnetPlan(creates, FIVE_T, CyclesLedgerCandid.FEE, id.principal());
        IcRemote r = IcRemote.open(IcEndpoint.mainnet(fake.url()), url -> Ic4jAgent.connect(url, id, FAST),
                Optional.of(plan), Optional.of(fake.rootKey()), 2);
        opened.add(r);
        return r;
    }

    private static CreateRequest request() {
        return new CreateRequest("api", new CanisterRole("scale"), HUB, CreateRequest.Cause.CREATE_WORKER);
    }

    private static CreateOutcome outcome(CompletionStage<CreateOutcome> s) throws Exception {
        return s.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void createsWithProvisionalCreateAndTheCyclesAskedFor() throws Exception {
        IcIdentity id = ed25519();
        IcRemote ic = local(id, Optional.empty());
        assertEquals(FakeReplica.START_TIME, ic.lastKnownTime(), "open read the certified time");
        CreateOutcome o = outcome(ic.createCanister(request(), FIVE_T));
        Principal pid = assertInstanceOf(CreateOutcome.Created.class, o).pid();
        assertEquals(List.of(pid), fake.allocated());
        assertEquals(FIVE_T, fake.canister(pid).cycles());
        assertEquals(List.of(HUB, id.principal()), fake.canister(pid).controllers(), "[parent, sender] as on PocketIC");
        assertEquals(1, ic.createdCount());
        assertEquals(FakeReplica.START_TIME + 1, ic.lastKnownTime(), "the time certified with the reply");
        assertEquals(ic.lastKnownTime(), ic.syncTime());
        FakeReplica.Call call = fake.calls().get(0);
        assertEquals(id.principal(), call.sender());
        assertEquals(Principal.managementCanister(), call.canister());
        assertEquals("provisional_create_canister_with_cycles", call.method());
        assertEquals(IcEndpoint.LOCAL_DEFAULT_ECID, call.effectiveCanisterId(), "no option, no status hint");
        assertEquals(List.of(), fake.protocolErrors());
        assertEquals("ic4j-agent 0.7.2", ic.agentImplementation());
    }

    @Test
    void secp256k1AndAnonymousSendersAreAcceptedByTheFakesSignatureCheck() throws Exception {
        for (IcIdentity id : List.of(IcIdentity.fromPem(TestKeys.secp256k1(2, true).write(dir)),
                IcIdentity.anonymous())) {
            IcRemote ic = local(id, Optional.empty());
            assertInstanceOf(CreateOutcome.Created.class, outcome(ic.createCanister(request(), FIVE_T)));
            assertEquals(id.principal(), fake.calls().get(fake.calls().size() - 1).sender());
        }
        assertEquals(List.of(), fake.protocolErrors());
    }

    @Test
    void theEffectiveCanisterIdComesFromTheOptionElseTheStatus() throws Exception {
        Principal fromStatus = Principal.canisterId(77);
        fake.statusEffectiveCanisterId(fromStatus);
        IcRemote viaStatus = local(ed25519(), Optional.empty());
        assertEquals(fromStatus, viaStatus.effectiveCanisterId());
        outcome(viaStatus.createCanister(request(), FIVE_T));
        Principal option = Principal.canisterId(99);
        IcRemote viaOption = local(ed25519(), Optional.of(option));
        outcome(viaOption.createCanister(request(), FIVE_T));
        List<FakeReplica.Call> calls = fake.calls();
        assertEquals(fromStatus, calls.get(0).effectiveCanisterId());
        assertEquals(option, calls.get(1).effectiveCanisterId());
    }

    @Test
    void concurrentIdenticalCreatesAreDistinctRequests() throws Exception {
        IcRemote ic = local(ed25519(), Optional.empty());
        List<CompletableFuture<CreateOutcome>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(ic.createCanister(request(), FIVE_T).toCompletableFuture());
        }
        TreeSet<Principal> made = new TreeSet<>();
        for (CompletableFuture<CreateOutcome> f : all) {
            made.add(assertInstanceOf(CreateOutcome.Created.class, f.get(20, TimeUnit.SECONDS)).pid());
        }
        assertEquals(8, made.size(), "a nonce per call: the IC does not merge them");
        assertEquals(new TreeSet<>(fake.allocated()), made);
    }

    @Test
    void theFakesIndependentRequestIdIsIc4jsRequestId() throws Exception {
        List<RequestId> sent = new ArrayList<>();
        JdkHttpTransport inner = new JdkHttpTransport(fake.url(), 500, 3_000);
        ReplicaTransport recording = new ReplicaTransport() {
            @Override
            public CompletableFuture<ReplicaResponse> status() {
                return inner.status();
            }

            @Override
            public CompletableFuture<ReplicaResponse> query(org.ic4j.types.Principal c, byte[] b,
                    Map<String, String> h) {
                return inner.query(c, b, h);
            }

            @Override
            public CompletableFuture<ReplicaResponse> call(org.ic4j.types.Principal c, byte[] b, RequestId r,
                    Map<String, String> h) {
                sent.add(r);
                return inner.call(c, b, r, h);
            }

            @Override
            public CompletableFuture<ReplicaResponse> readState(org.ic4j.types.Principal c, byte[] b,
                    Map<String, String> h) {
                return inner.readState(c, b, h);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        IcIdentity id = IcIdentity.fromPem(TestKeys.secp256k1(3, false).write(dir));
        Agent agent = new AgentBuilder().transport(recording).identity(id.agentIdentity())
                .nonceFactory(new NonceFactory()).build();
        for (int i = 0; i < 3; i++) {
            UpdateBuilder.create(agent, org.ic4j.types.Principal.managementCanister(), "install_code")
                    .effectiveCanisterId(Ic4jAgent.ic4j(Principal.canisterId(5))).arg(new byte[] {1, 2, (byte) i})
                    .call().get(5, TimeUnit.SECONDS);
        }
        List<FakeReplica.Call> calls = fake.calls();
        assertEquals(3, calls.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(HexFormat.of().formatHex(sent.get(i).get()), calls.get(i).requestIdHex());
        }
    }

    @Test
    void rejectsMapToTheErrorsThePocketIcSubstrateGives() throws Exception {
        IcRemote ic = local(ed25519(), Optional.empty());
        Object[][] cases = {
            {4, "IC0403", "insufficient cycles", ErrorCode.INTERNAL},
            {2, "IC0102", "subnet full", ErrorCode.INTERNAL},
            {5, "IC0503", "trapped", ErrorCode.INTERNAL},
            {4, null, "no error code certified", ErrorCode.INTERNAL},
        };
        for (Object[] c : cases) {
            fake.rejectCreates((Integer) c[0], (String) c[1], (String) c[2]);
            CreateOutcome.Failed f = assertInstanceOf(CreateOutcome.Failed.class,
                    outcome(ic.createCanister(request(), FIVE_T)));
            RejectInfo same = RejectInfo.certified((Integer) c[0], c[1] == null ? "" : (String) c[1], (String) c[2]);
            assertEquals(c[3], f.error().publicCode(), f.error().getMessage());
            assertEquals(ErrorClass.DOMAIN, f.error().errorClass(), "root's answer, passed through: policy_denied");
            assertEquals(same.toCreateError("create_canister for role scale").getMessage(), f.error().getMessage());
        }
        assertEquals(0, ic.createdCount());
    }

    @Test
    void aClientErrorOnCallFailsTheCreateAtOnceInsteadOfPollingToATimeout() throws Exception {
        fake.callHttpStatus(400);
        IcRemote ic = local(ed25519(), Optional.empty());
        long start = System.nanoTime();
        CreateOutcome.Failed f = assertInstanceOf(CreateOutcome.Failed.class,
                outcome(ic.createCanister(request(), FIVE_T)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "no polling after a refused call");
        assertEquals(ErrorCode.INTERNAL, f.error().publicCode());
        assertEquals(ErrorClass.OPS, f.error().errorClass());
        assertTrue(f.error().getMessage().contains("HTTP 400"), f.error().getMessage());
    }

    @Test
    void processingThenRepliedIsPolledToTheReply() throws Exception {
        fake.processingPolls(3);
        IcRemote ic = local(ed25519(), Optional.empty());
        assertInstanceOf(CreateOutcome.Created.class, outcome(ic.createCanister(request(), FIVE_T)));
    }

    @Test
    void aRequestThatStaysUnknownTimesOutAsUnavailable() throws Exception {
        fake.forgetCalls(true);
        IcRemote ic = local(ed25519(), Optional.empty());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ic.createCanister(request(), FIVE_T).toCompletableFuture().get(20, TimeUnit.SECONDS));
        SubstrateUnavailableException u = assertInstanceOf(SubstrateUnavailableException.class, e.getCause());
        assertTrue(u.getMessage().startsWith("IC endpoint " + fake.url() + " cannot be used: "), u.getMessage());
        assertTrue(u.getMessage().contains("within 3000 ms"), u.getMessage());
    }

    @Test
    void aWrongRootKeyFailsTheOpenWithVerificationOn() throws Exception {
        fake.signWithWrongKey(true);
        IcIdentity id = ed25519();
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class, () -> local(id,
                Optional.empty()));
        assertTrue(e.getMessage().contains(fake.url().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not verify against the trusted root key"), e.getMessage());
        assertTrue(e.getMessage().contains("check that the URL is one local replica"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointFailsTheOpen() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        IcIdentity id = ed25519();
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> IcRemote.open(IcEndpoint.local(url, Optional.empty()), id, FAST, Optional.empty()));
        assertTrue(e.getMessage().startsWith("IC endpoint " + url + " cannot be used: "), e.getMessage());
        assertTrue(e.getMessage().contains("check that a replica listens there"), e.getMessage());
    }

    @Test
    void mainnetCreatesThroughTheCyclesLedgerWithTheExplicitAmount() throws Exception {
        IcIdentity id = ed25519();
        BigInteger before = fake.ledgerBalance();
        IcRemote ic = mainnet(id, 2);
        Principal pid = assertInstanceOf(CreateOutcome.Created.class, outcome(ic.createCanister(request(), FIVE_T)))
                .pid();
        assertEquals(FIVE_T, fake.canister(pid).cycles());
        assertEquals(List.of(id.principal()), fake.canister(pid).controllers(), "only the identity controls it");
        assertEquals(before.subtract(FIVE_T).subtract(CyclesLedgerCandid.FEE), fake.ledgerBalance());
        FakeReplica.Call call = fake.calls().get(0);
        assertEquals(FakeReplica.LEDGER, call.canister());
        assertEquals(FakeReplica.LEDGER, call.effectiveCanisterId());
        assertEquals("create_canister", call.method());
        assertEquals(List.of(), fake.protocolErrors());
    }

    @Test
    void mainnetNeverCreatesMoreOrLargerThanThePlan() throws Exception {
        IcRemote ic = mainnet(ed25519(), 1);
        CreateOutcome.Failed bigger = assertInstanceOf(CreateOutcome.Failed.class,
                outcome(ic.createCanister(request(), FIVE_T.add(BigInteger.ONE))));
        assertTrue(bigger.error().getMessage().contains("refused before sending"), bigger.error().getMessage());
        assertEquals(0, fake.calls().size());
        IcRemote ic2 = mainnet(ed25519(), 1);
        assertInstanceOf(CreateOutcome.Created.class, outcome(ic2.createCanister(request(), FIVE_T)));
        assertInstanceOf(CreateOutcome.Failed.class, outcome(ic2.createCanister(request(), FIVE_T)));
        assertEquals(1, fake.calls().size(), "the second create was never sent");
    }

    @Test
    void theLedgersInsufficientFundsIsOutOfCycles() throws Exception {
        fake.ledgerBalance(new BigInteger("1000"));
        IcRemote ic = mainnet(ed25519(), 1);
        CreateOutcome.Failed f = assertInstanceOf(CreateOutcome.Failed.class,
                outcome(ic.createCanister(request(), FIVE_T)));
        assertEquals(ErrorCode.INTERNAL, f.error().publicCode());
        assertTrue(f.error().getMessage().contains("InsufficientFunds (balance 1000)"), f.error().getMessage());
    }

    @Test
    void mainnetWithTheBuiltInKeyRejectsTheFakesCertificates() throws Exception {
        IcIdentity id = ed25519();
        MainnetPlan plan = new MainnetPlan(1, FIVE_T, CyclesLedgerCandid.FEE, id.principal());
        int before = fake.requestCount();
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> IcRemote.open(IcEndpoint.mainnet(fake.url()), id, FAST, Optional.of(plan)));
        assertTrue(e.getMessage().startsWith("IC mainnet at " + fake.url() + " cannot be used: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        assertEquals(before + 1, fake.requestCount(), "one read_state, and the status (root key) was never asked");
    }
}
