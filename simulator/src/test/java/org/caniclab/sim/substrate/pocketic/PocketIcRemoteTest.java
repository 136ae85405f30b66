package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.pocketic.FakePocketIc.Recorded;
import org.caniclab.sim.substrate.pocketic.FakePocketIc.Reject;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.caniclab.sim.substrate.HubPort;
import org.caniclab.sim.substrate.RemoteIc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PocketIC as root: what it sends, where stages complete (through {@link HubPort}), how failures are classified. */
class PocketIcRemoteTest {
    private static final Principal HUB = ScalingWorkflowContract.HUB;
    private static final Principal ROOT = ScalingWorkflowContract.ROOT;
    private static final CanisterRole ROLE = new CanisterRole("scale");
    private static final BigInteger THREE_T = new BigInteger("3000000000000");

    private FakePocketIc fake;
    private PocketIcInstance instance;
    private ExecutorService hub;
    private PocketIcRemote remote;

    @BeforeEach
    void start() {
        fake = FakePocketIc.start();
        instance = PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST).createInstance();
        hub = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hub");
            t.setDaemon(true);
            return t;
        });
        remote = PocketIcRemote.builder(instance).sender(ROOT).build();
    }

    @AfterEach
    void stop() {
        remote.close();
        hub.shutdownNow();
        fake.close();
    }

    private static CreateRequest request(Principal parent) {
        return new CreateRequest("scales", ROLE, parent, CreateRequest.Cause.CREATE_WORKER);
    }

    /** A create through {@code root}, its outcome as a principal or a failed stage. */
    private static CompletionStage<Principal> create(RemoteIc root, Principal parent) {
        return root.createCanister(request(parent), THREE_T).thenCompose(o -> o instanceof CreateOutcome.Created c
                ? CompletableFuture.completedFuture(c.pid())
                : CompletableFuture.failedFuture(((CreateOutcome.Failed) o).error()));
    }

    private CompletionStage<Principal> create(Principal parent) {
        return create(remote, parent);
    }

    private <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private CanicError failure(CompletionStage<?> stage) throws Exception {
        try {
            Object v = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return fail("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return assertInstanceOf(CanicError.class, e.getCause());
        }
    }

    @Test
    void createsWithTheConfiguredCyclesAndControllersParentThenSender() throws Exception {
        Principal pid = await(create(HUB));
        assertEquals(List.of(pid), fake.allocated(0));
        assertEquals(new FakePocketIc.Canister(pid, List.of(HUB, ROOT), THREE_T), fake.canister(0, pid));

        Recorded submit = fake.requests("/update/submit_ingress_message").get(0);
        assertEquals(Base64.getEncoder().encodeToString(ROOT.toBytes()), submit.json().get("sender").asText());
        assertEquals("", submit.json().get("canister_id").asText(), "the management canister");
        assertEquals("None", submit.json().get("effective_principal").asText());
        byte[] payload = Base64.getDecoder().decode(submit.json().get("payload").asText());
        assertEquals(ProvisionalCreateArgs.of(THREE_T, List.of(HUB, ROOT)),
                CandidDecoding.decodeProvisionalCreateArgs(payload));
        assertEquals(1, remote.createdCount());
    }

    @Test
    void namesEachControllerOnceWhenTheParentIsTheSender() throws Exception {
        Principal pid = await(create(ROOT));
        assertEquals(List.of(ROOT), fake.canister(0, pid).controllers());
    }

    @Test
    void routesThroughTheDefaultEffectiveCanisterIdWhenAskedTo() throws Exception {
        try (PocketIcRemote routed = PocketIcRemote.builder(instance).sender(ROOT)
                .effectivePrincipal(EffectivePrincipal.canister(instance.topology().defaultEffectiveCanisterId()))
                .build()) {
            await(create(routed, HUB));
        }
        assertEquals("///////gAAABAQ==", fake.requests("/update/submit_ingress_message").get(0).json()
                .get("effective_principal").get("CanisterId").asText());
    }

    @Test
    void completesTheStageOnTheHubThread() throws Exception {
        // Attach the continuation on the hub thread itself, as the workflow does: the completion is queued behind it.
        HubPort port = new HubPort(remote, HUB, hub, pool -> THREE_T);
        CompletableFuture<String> where = CompletableFuture.supplyAsync(
                () -> port.createCanister(request(HUB)).thenApply(o -> Thread.currentThread().getName()), hub)
                .thenCompose(s -> s);
        assertEquals("hub", where.get(10, TimeUnit.SECONDS));
    }

    @Test
    void doesNotBlockTheCallerWhileRootWorks() throws Exception {
        fake.answerNextWithStarted(1, 50); // the submit's result is ready after 50 polls
        CompletionStage<Principal> stage = create(HUB);
        assertTrue(!stage.toCompletableFuture().isDone(), "createCanister returns before root answers");
        Principal pid = await(stage);
        assertEquals(List.of(pid), fake.allocated(0));
    }

    @Test
    void lastKnownTimeIsTheInstanceTimeReadAfterEachCreation() throws Exception {
        assertEquals(FakePocketIc.GENESIS_NANOS, remote.lastKnownTime());
        await(create(HUB));
        assertEquals(fake.time(0), remote.lastKnownTime());
        assertTrue(remote.lastKnownTime() > FakePocketIc.GENESIS_NANOS, "executing the call took a round");
        instance.setTime(FakePocketIc.GENESIS_NANOS + 3_600_000_000_000L);
        assertEquals(fake.time(0), remote.syncTime());
        assertEquals(FakePocketIc.GENESIS_NANOS + 3_600_000_000_000L, remote.lastKnownTime());
    }

    @Test
    void anOutOfCyclesRejectIsRootsInternalError() throws Exception { // Canic's root answers Internal
        fake.rejectNextCreate(new Reject(4, 403, "Cannot create canister: 3T cycles needed"));
        CanicError e = failure(create(HUB));
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals(ErrorClass.DOMAIN, e.errorClass());
        assertEquals("management canister rejected create_canister for role scale: reject code 4 (CanisterReject),"
                + " IC0403 InsufficientCyclesForCreateCanister: Cannot create canister: 3T cycles needed",
                e.getMessage());
    }

    @Test
    void aCanisterLimitRejectIsRootsInternalError() throws Exception {
        fake.rejectEncoding(FakePocketIc.RejectEncoding.STRINGS);
        fake.rejectNextCreate(new Reject(1, 102, "subnet full"));
        assertEquals(ErrorCode.INTERNAL, failure(create(HUB)).publicCode());
    }

    @Test
    void anyOtherRejectIsRootsInternalError() throws Exception {
        fake.rejectNextCreate(new Reject(5, 502, "trapped"));
        CanicError e = failure(create(HUB));
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertTrue(e.getMessage().endsWith("reject code 5 (CanisterError), IC0502 CanisterTrapped: trapped"),
                e.getMessage());
    }

    @Test
    void aRoutingFailureAtSubmissionIsRootsManagementCallFailingAsARejectAtExecutionIs() throws Exception {
        Principal nowhere = Principal.of(new byte[] {1, 2, 3});
        try (PocketIcRemote misrouted = PocketIcRemote.builder(instance).sender(ROOT)
                .effectivePrincipal(EffectivePrincipal.subnet(nowhere)).build()) {
            CanicError refused = failure(create(misrouted, HUB));
            fake.rejectNextCreate(new Reject(3, 404, "Subnet not found"));
            CanicError rejected = failure(create(HUB));
            assertEquals(ErrorClass.DOMAIN, refused.errorClass(), refused.getMessage());
            assertEquals(rejected.errorClass(), refused.errorClass());
            assertEquals(rejected.publicCode(), refused.publicCode());
            assertEquals(org.caniclab.core.metrics.ScalingReason.POLICY_DENIED,
                    org.caniclab.core.metrics.ScalingReason.fromError(refused));
            assertTrue(refused.getMessage().contains("refused at submission (HTTP 400 BadIngressMessage): Subnet with"
                    + " ID " + nowhere + " not found"), refused.getMessage());
        }
    }

    @Test
    void aServerErrorIsATransportFailure() throws Exception {
        fake.failNext(1, 500, "the state machine panicked");
        CanicError e = failure(create(HUB));
        assertEquals(ErrorClass.OPS, e.errorClass());
        assertEquals(ErrorOrigin.OPS, e.origin());
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals("create_canister for role scale failed on PocketIC: PocketIC POST"
                + " /instances/0/update/submit_ingress_message failed: HTTP 500: the state machine panicked",
                e.getMessage());
    }

    @Test
    void anUnreachableServerIsATransportFailureNamingTheUrl() throws Exception {
        fake.close();
        CanicError e = failure(create(HUB));
        assertEquals(ErrorClass.OPS, e.errorClass());
        assertTrue(e.getMessage().contains("PocketIC server at " + fake.url() + " is unreachable"), e.getMessage());
    }

    @Test
    void aClosedRemoteFailsCreatesAtOnce() throws Exception {
        remote.close();
        CanicError e = failure(create(HUB));
        assertEquals(ErrorClass.OPS, e.errorClass());
        assertTrue(e.getMessage().contains("remote is closed"), e.getMessage());
    }

    @Test
    void concurrentCreatesThroughABusyServerGetDistinctIds() throws Exception {
        fake.answerNextBusy(3);
        List<CompletableFuture<Principal>> stages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stages.add(create(HUB).toCompletableFuture());
        }
        TreeSet<Principal> ids = new TreeSet<>();
        for (CompletableFuture<Principal> s : stages) {
            ids.add(await(s));
        }
        assertEquals(8, ids.size());
        assertEquals(new TreeSet<>(fake.allocated(0)), ids);
    }
}
