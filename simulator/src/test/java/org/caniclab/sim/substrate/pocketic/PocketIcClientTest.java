package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.pocketic.FakePocketIc.Recorded;
import org.caniclab.sim.substrate.pocketic.FakePocketIc.Reject;
import org.caniclab.sim.substrate.pocketic.FakePocketIc.RejectEncoding;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.RejectInfo;

/** The REST client against the strict loopback fake: request shapes, the 202/409/error protocol, version drift. */
class PocketIcClientTest {
    static final PocketIcClient.Options FAST = PocketIcClient.Options.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withRequestTimeout(Duration.ofSeconds(5))
            .withProcessingTimeout(Duration.ofSeconds(3))
            .withOperationTimeout(Duration.ofSeconds(5))
            .withPollInterval(Duration.ofMillis(2))
            .withMaxBusyRetries(10)
            .withFallbackRounds(20);
    private static final Principal SENDER = Principal.of(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 2});
    private static final Principal LXZZE = Principal.fromText("lxzze-o7777-77777-aaaaa-cai");
    private static final BigInteger TWO_T = new BigInteger("2000000000000");

    private final ObjectMapper json = new ObjectMapper();
    private FakePocketIc fake;
    private PocketIcClient client;

    @BeforeEach
    void start() {
        fake = FakePocketIc.start();
        client = PocketIcClient.connect(fake.url(), FAST);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String b64(Principal p) {
        return Base64.getEncoder().encodeToString(p.toBytes());
    }

    private JsonNode tree(String s) throws IOException {
        return json.readTree(s);
    }

    private static CanisterCall create(BigInteger amount, List<Principal> controllers, EffectivePrincipal effective) {
        return CanisterCall.management(SENDER, ManagementCandid.PROVISIONAL_CREATE,
                ManagementCandid.encodeProvisionalCreateArgs(ProvisionalCreateArgs.of(amount, controllers)), effective);
    }

    private Principal createCanister(PocketIcInstance ic, BigInteger amount) {
        return ManagementCandid.decodeCanisterIdRecord(ic.updateCall(create(amount, List.of(SENDER),
                EffectivePrincipal.none())));
    }

    @Test
    void statusAnswers() {
        client.status();
        assertEquals("/status", fake.requests().get(0).rawPath());
    }

    @Test
    void createsAnInstanceWithEveryListFieldAndNoNulls() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            assertEquals(0, ic.id());
        }
        Recorded post = fake.requests().get(0);
        assertEquals("POST", post.method());
        assertEquals("/instances", post.rawPath());
        assertEquals("application/json", post.contentType());
        assertEquals("3000", post.processingTimeoutMs());
        assertEquals(tree("{\"subnet_config_set\": {\"system\": [], \"application\": [{\"state_config\": \"New\","
                + " \"instruction_config\": \"Production\", \"dts_flag\": \"Enabled\", \"cost_schedule\": \"Normal\"}],"
                + " \"verified_application\": [], \"cloud_engine\": []}, \"nonmainnet_features\": false}"),
                post.json());
    }

    @Test
    void serversFromV13RefuseAnExplicitNullForAnOptionalField() {
        fake.serverVersion(13);
        client.createInstance().close(); // what the client sends passes
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode set = body.putObject("subnet_config_set");
        set.putNull("nns");
        set.putArray("system");
        set.putArray("application").addObject().put("state_config", "New").put("instruction_config", "Production");
        set.putArray("verified_application");
        set.putArray("cloud_engine");
        PocketIcException e = assertThrows(PocketIcException.class,
                () -> client.call("POST", "/instances", body, "POST /instances"));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("nns: invalid type: null"), e.getMessage());
        fake.serverVersion(12);
        client.call("POST", "/instances", body, "POST /instances"); // older servers read null as none
    }

    @Test
    void aSubnetThatDoesNotExistIsRefusedAtSubmissionWithHttp400() {
        try (PocketIcInstance ic = client.createInstance()) {
            Principal nowhere = Principal.of(new byte[] {1, 2, 3});
            IngressRejectedException e = assertThrows(IngressRejectedException.class,
                    () -> ic.updateCall(create(TWO_T, List.of(SENDER), EffectivePrincipal.subnet(nowhere))));
            assertTrue(e.refusedAtSubmission());
            assertEquals(400, e.status());
            assertEquals("POST /instances/0/update/submit_ingress_message", e.endpoint());
            assertEquals(RejectInfo.refusedAtSubmission("Subnet with ID " + nowhere + " not found"), e.reject());
            assertEquals(400, fake.requests("/update/submit_ingress_message").get(0).status());
            assertTrue(fake.requests("/update/await_ingress_message").isEmpty(), "nothing to await");
            assertTrue(fake.allocated(0).isEmpty());
        }
    }

    @Test
    void anUndecodableCreateArgumentWithEffectivePrincipalNoneIsRefusedAtSubmission() {
        try (PocketIcInstance ic = client.createInstance()) {
            CanisterCall garbage = CanisterCall.management(SENDER, ManagementCandid.PROVISIONAL_CREATE,
                    new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x71}, EffectivePrincipal.none());
            IngressRejectedException e = assertThrows(IngressRejectedException.class, () -> ic.updateCall(garbage));
            assertTrue(e.refusedAtSubmission());
            assertTrue(e.reject().message().contains("Error decoding candid"), e.reject().message());
        }
    }

    @Test
    void aProvisionalCreateOutsideEveryRangeMakesANewSubnetButAnyOtherCallIsRefused() {
        try (PocketIcInstance ic = client.createInstance()) {
            Principal mainnet = Principal.canisterId(0x0000_0000_0120_0005L); // rdmx6-...-style mainnet id
            Principal made = ManagementCandid.decodeCanisterIdRecord(
                    ic.updateCall(create(TWO_T, List.of(SENDER), EffectivePrincipal.canister(mainnet))));
            assertEquals(2, ic.readTopology().subnets().size(), "the server made a subnet for that range");
            assertTrue(ic.readTopology().subnets().get(1).canisterRanges().get(0).contains(made));
            assertTrue(ic.readTopology().subnets().get(1).canisterRanges().get(0).contains(mainnet));

            Principal outside = Principal.canisterId(0x0000_0000_0220_0000L);
            CanisterCall other = new CanisterCall(SENDER, outside, "greet", new byte[0], EffectivePrincipal.none());
            IngressRejectedException e = assertThrows(IngressRejectedException.class, () -> ic.updateCall(other));
            assertEquals(RejectInfo.refusedAtSubmission("Canister " + outside + " does not belong to any subnet."),
                    e.reject());
        }
    }

    @Test
    void theSubmitAnswerNamesTheSubnetTheMessageWasRoutedTo() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            MessageId id = ic.submitIngress(create(TWO_T, List.of(SENDER), EffectivePrincipal.none()));
            assertEquals(EffectivePrincipal.subnet(fake.subnet(0)), id.effectivePrincipal());
            ic.awaitIngress(id);
            assertEquals(tree("{\"SubnetId\": \"" + b64(fake.subnet(0)) + "\"}"),
                    fake.requests("/update/await_ingress_message").get(0).json().get("effective_principal"),
                    "the rewritten id is what is awaited");
        }
    }

    @Test
    void anAwaitThatGivesUpAfter100RoundsIsFollowedByBoundedRounds() {
        fake.ticksPerMessage(FakePocketIc.AWAIT_ROUNDS + 10);
        try (PocketIcInstance ic = client.createInstance()) {
            Principal id = createCanister(ic, TWO_T);
            assertEquals(List.of(id), fake.allocated(0));
            assertEquals(400, fake.requests("/update/await_ingress_message").get(0).status());
            assertEquals(10, fake.requests("/update/tick").size(), "then ticks until it completes");
            assertFalse(ic.usesIngressStatusFallback(), "await exists: the next message awaits again");
        }
        fake.ticksPerMessage(10_000);
        try (PocketIcInstance ic = client.createInstance()) {
            PocketIcException e = assertThrows(PocketIcException.class, () -> createCanister(ic, TWO_T));
            assertFalse(e instanceof IngressRejectedException);
            assertTrue(e.getMessage().contains("await_ingress_message gave up (Failed to answer to ingress")
                    && e.getMessage().contains("20 more rounds of tick + ingress_status"), e.getMessage());
        }
    }

    @Test
    void aPrunedResultIs410BeforeV11AndANotFound404FromV11() {
        PocketIcClient quick = PocketIcClient.connect(fake.url(), FAST.withOperationTimeout(Duration.ofMillis(300)));
        try (PocketIcInstance ic = quick.createInstance()) {
            fake.serverVersion(10);
            fake.pruneBeforeRead(true);
            fake.answerNextWithStarted(1, 0);
            PocketIcException old = assertThrows(PocketIcException.class, ic::getTime);
            assertEquals(410, old.status());
            assertTrue(old.getMessage().contains("was pruned before it was read"), old.getMessage());

            fake.serverVersion(15);
            fake.pruneBeforeRead(true);
            fake.answerNextWithStarted(1, 0);
            PocketIcException now = assertThrows(PocketIcException.class, ic::getTime);
            assertTrue(now.getMessage().contains("kept answering 404 not found")
                    && now.getMessage().contains("pruned"), now.getMessage());
            assertTrue(fake.requests("/read_graph/").stream().allMatch(r -> r.response().contains("not found")
                    || r.status() == 410), "the server's 404 carries a JSON message");
        }
    }

    @Test
    void aBareReadGraph404FailsAtOnce() {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.readGraphMissing(true);
            fake.answerNextWithStarted(1, 0);
            PocketIcException e = assertThrows(PocketIcException.class, ic::getTime);
            assertTrue(e.getMessage().contains("bare 404"), e.getMessage());
            assertEquals(1, fake.requests("/read_graph/").size(), "no polling until the deadline");
        }
    }

    @Test
    void readsTheDefaultEffectiveCanisterIdFromTheTopology() {
        try (PocketIcInstance ic = client.createInstance()) {
            Topology t = ic.topology();
            assertEquals(LXZZE, t.defaultEffectiveCanisterId());
            assertEquals(1, t.subnets().size());
            Topology.Subnet s = t.subnets().get(0);
            assertEquals("Application", s.kind());
            assertEquals(fake.subnet(0).toText(), s.subnetId());
            assertTrue(s.canisterRanges().get(0).contains(LXZZE));
            assertEquals(t, ic.readTopology());
        }
    }

    @Test
    void deletesTheInstanceOnCloseAndLaterCallsFailWithTheServersMessage() {
        PocketIcInstance ic = client.createInstance();
        assertEquals(List.of("Available"), client.instances());
        ic.close();
        ic.close(); // once only
        assertTrue(fake.deleted(0));
        assertEquals(1, fake.requests().stream().filter(r -> r.method().equals("DELETE")).count());
        assertEquals(List.of("Deleted"), client.instances());
        PocketIcException e = assertThrows(PocketIcException.class, ic::getTime);
        assertEquals(400, e.status());
        assertEquals("GET /instances/0/read/get_time", e.endpoint());
        assertEquals("PocketIC GET /instances/0/read/get_time failed: HTTP 400: Instance 0 was deleted", e.getMessage());
    }

    @Test
    void submitsAndAwaitsWithExactShapes() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            CanisterCall call = create(TWO_T, List.of(SENDER), EffectivePrincipal.none());
            byte[] reply = ic.updateCall(call);
            assertEquals(fake.allocated(0).get(0), ManagementCandid.decodeCanisterIdRecord(reply));
            assertEquals(LXZZE, fake.allocated(0).get(0), "ids come from the topology's range, not rwlgt-...");

            Recorded submit = fake.requests("/update/submit_ingress_message").get(0);
            assertEquals("POST", submit.method());
            assertEquals("application/json", submit.contentType());
            assertEquals(tree("{\"sender\": \"" + b64(SENDER) + "\", \"canister_id\": \"\", \"method\":"
                    + " \"provisional_create_canister_with_cycles\", \"payload\": \""
                    + Base64.getEncoder().encodeToString(call.payload()) + "\", \"effective_principal\": \"None\"}"),
                    submit.json());
            Recorded await = fake.requests("/update/await_ingress_message").get(0);
            assertEquals(tree(submit.response()).get("Ok"), await.json(), "the RawMessageId is echoed verbatim");
            assertEquals("application/json", await.contentType());
        }
    }

    @Test
    void writesACanisterIdEffectivePrincipalAsASingleKeyObject() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            EffectivePrincipal routed = EffectivePrincipal.canister(ic.topology().defaultEffectiveCanisterId());
            ic.updateCall(create(TWO_T, List.of(SENDER), routed));
            JsonNode effective = fake.requests("/update/submit_ingress_message").get(0).json().get("effective_principal");
            assertEquals(tree("{\"CanisterId\": \"///////gAAABAQ==\"}"), effective);
            assertEquals(b64(LXZZE), "///////gAAABAQ==");
        }
    }

    @Test
    void pollsReadGraphWithPercentEncodedSegmentsAfter202ThenPrunes() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.answerNextWithStarted(1, 3);
            assertEquals(FakePocketIc.GENESIS_NANOS, ic.getTime());

            Recorded started = fake.requests("/read/get_time").get(0);
            assertEquals(202, started.status());
            JsonNode s = tree(started.response());
            String label = s.get("state_label").asText();
            String opId = s.get("op_id").asText();
            assertEquals("read/get_time(instance 0, op 1)", opId);
            assertTrue(label.contains("=") && label.contains("-"), label);
            String encoded = "/" + label.replace("=", "%3D") + "/read%2Fget_time%28instance%200%2C%20op%201%29";

            List<Recorded> polls = fake.requests("/read_graph/");
            assertEquals(4, polls.size(), "three 404 polls, then the result");
            for (Recorded p : polls) {
                assertEquals("GET", p.method());
                assertEquals("/read_graph" + encoded, p.rawPath());
            }
            assertEquals(List.of(404, 404, 404, 200), polls.stream().map(Recorded::status).toList());
            List<Recorded> prunes = fake.requests("/prune_graph/");
            assertEquals(1, prunes.size());
            assertEquals("DELETE", prunes.get(0).method());
            assertEquals("/prune_graph" + encoded, prunes.get(0).rawPath());
            assertEquals(List.of(opId), fake.prunedGraphs());
        }
    }

    @Test
    void completesAnUpdateCallWhoseSubmitAndAwaitBothAnswer202() {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.answerNextWithStarted(2, 1);
            Principal id = createCanister(ic, TWO_T);
            assertEquals(fake.allocated(0), List.of(id));
            assertEquals(2, fake.prunedGraphs().size());
        }
    }

    @Test
    void retriesAfter409BusyThenSucceeds() {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.answerNextBusy(3);
            assertEquals(FakePocketIc.GENESIS_NANOS, ic.getTime());
            assertEquals(List.of(409, 409, 409, 200),
                    fake.requests("/read/get_time").stream().map(Recorded::status).toList());
        }
    }

    @Test
    void givesUpOnAnInstanceThatStaysBusyWithABoundedNumberOfRetries() {
        PocketIcClient impatient = PocketIcClient.connect(fake.url(), FAST.withMaxBusyRetries(5));
        try (PocketIcInstance ic = impatient.createInstance()) {
            fake.answerNextBusy(1_000);
            PocketIcException e = assertThrows(PocketIcException.class, ic::getTime);
            assertEquals(409, e.status());
            assertTrue(e.getMessage().startsWith("PocketIC GET /instances/0/read/get_time failed: the instance stayed"
                    + " busy with another operation"), e.getMessage());
            assertEquals(6, fake.requests("/read/get_time").size(), "1 + maxBusyRetries attempts");
            fake.answerNextBusy(0);
        }
    }

    @Test
    void failsWithTheServersMessageOnAnErrorStatus() {
        try (PocketIcInstance ic = client.createInstance()) {
            Principal id = createCanister(ic, TWO_T);
            fake.failNext(1, 400, "boom: the request was wrong");
            PocketIcException e = assertThrows(PocketIcException.class, () -> ic.addCycles(id, BigInteger.ONE));
            assertEquals("PocketIC POST /instances/0/update/add_cycles failed: HTTP 400: boom: the request was wrong",
                    e.getMessage());
            assertEquals(400, e.status());
            assertFalse(e.unknownRoute());

            fake.failNext(1, 500, "internal trouble");
            PocketIcException e500 = assertThrows(PocketIcException.class, ic::tick);
            assertEquals("PocketIC POST /instances/0/update/tick failed: HTTP 500: internal trouble", e500.getMessage());
        }
    }

    @Test
    void reportsABareUnknownRouteAsAMissingFeature() {
        try (PocketIcInstance ic = client.createInstance()) {
            PocketIcException e = assertThrows(PocketIcException.class,
                    () -> client.call("POST", "/instances/0/update/delete_subnet", json.createObjectNode(),
                            "POST /instances/0/update/delete_subnet"));
            assertEquals(404, e.status());
            assertTrue(e.unknownRoute());
            assertTrue(e.getMessage().contains("no such route"), e.getMessage());
            assertEquals(0, ic.id());
        }
    }

    @Test
    void reportsAnUnexpectedResponseShapeClearly() {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.failNext(1, 200, "not a time");
            PocketIcException e = assertThrows(PocketIcException.class, ic::getTime);
            assertEquals("PocketIC GET /instances/0/read/get_time answered an unexpected shape: expected"
                    + " {\"nanos_since_epoch\": <u64>}; got {\"message\":\"not a time\"}", e.getMessage());
        }
    }

    @Test
    void fallsBackToTickAndIngressStatusWhenAwaitIsABare404() throws IOException {
        fake.awaitMissing(true); // v9.0.3 mode
        fake.ticksPerMessage(3);
        try (PocketIcInstance ic = client.createInstance()) {
            Principal first = createCanister(ic, TWO_T);
            assertTrue(ic.usesIngressStatusFallback());
            Principal second = createCanister(ic, TWO_T);
            assertEquals(fake.allocated(0), List.of(first, second));

            List<Recorded> awaits = fake.requests("/update/await_ingress_message");
            assertEquals(1, awaits.size(), "the missing route is detected once");
            assertEquals(404, awaits.get(0).status());
            assertEquals("", awaits.get(0).response());
            List<String> sequence = fake.requests().stream().map(Recorded::rawPath)
                    .filter(p -> p.contains("/update/") || p.contains("/read/"))
                    .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
            assertEquals(List.of("submit_ingress_message", "await_ingress_message",
                    "tick", "ingress_status", "tick", "ingress_status", "tick", "ingress_status",
                    "submit_ingress_message", "tick", "ingress_status", "tick", "ingress_status", "tick",
                    "ingress_status"), sequence);
            Recorded status = fake.requests("/read/ingress_status").get(0);
            JsonNode okId = tree(fake.requests("/update/submit_ingress_message").get(0).response()).get("Ok");
            JsonNode expected = json.createObjectNode().set("raw_message_id", okId);
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).putNull("raw_caller");
            assertEquals(expected, status.json());
            assertEquals("null", status.response(), "not done after the first tick");
            assertEquals(tree("{}"), fake.requests("/update/tick").get(0).json());
        }
    }

    @Test
    void theFallbackIsBoundedInRounds() {
        fake.awaitMissing(true);
        fake.ticksPerMessage(1_000);
        try (PocketIcInstance ic = client.createInstance()) {
            PocketIcException e = assertThrows(PocketIcException.class, () -> createCanister(ic, TWO_T));
            assertTrue(e.getMessage().contains("did not complete within 20 rounds of tick + ingress_status"),
                    e.getMessage());
            assertEquals(20, fake.requests("/update/tick").size());
        }
    }

    @Test
    void readsNumericRejectCodes() {
        RejectInfo r = rejectedCreate(RejectEncoding.NUMERIC);
        assertEquals(new RejectInfo(4, "CanisterReject", "IC0403", "InsufficientCyclesForCreateCanister",
                "Cannot create canister: not enough cycles", true), r);
        assertTrue(r.isOutOfCycles());
    }

    @Test
    void readsLegacyStringRejectCodes() {
        RejectInfo r = rejectedCreate(RejectEncoding.STRINGS);
        assertEquals(new RejectInfo(4, "CanisterReject", "IC0403", "InsufficientCyclesForCreateCanister",
                "Cannot create canister: not enough cycles", true), r);
    }

    @Test
    void readsPreV8ResultAndErrorShapes() {
        RejectInfo r = rejectedCreate(RejectEncoding.PRE_V8);
        assertEquals(new RejectInfo(4, "CanisterReject", "IC0403", "InsufficientCyclesForCreateCanister",
                "Cannot create canister: not enough cycles", false), r);
        assertTrue(fake.requests("/update/await_ingress_message").get(1).response().contains("\"Reply\""),
                "the successful call before was answered {\"Ok\": {\"Reply\": b64}}");
    }

    private RejectInfo rejectedCreate(RejectEncoding encoding) {
        fake.rejectEncoding(encoding);
        try (PocketIcInstance ic = client.createInstance()) {
            fake.rejectNextCreate(new Reject(4, 403, "Cannot create canister: not enough cycles"));
            IngressRejectedException e = assertThrows(IngressRejectedException.class, () -> createCanister(ic, TWO_T));
            assertEquals("POST /instances/0/update/await_ingress_message", e.endpoint());
            assertTrue(e.getMessage().contains("IC0403 InsufficientCyclesForCreateCanister"), e.getMessage());
            createCanister(ic, TWO_T); // the next one succeeds
            return e.reject();
        }
    }

    @Test
    void theFakeWritesRejectCodesAsNamesByDefaultAsTheServerDoes() throws IOException {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.rejectNextCreate(new Reject(4, 403, "no cycles"));
            assertThrows(IngressRejectedException.class, () -> createCanister(ic, TWO_T));
            JsonNode err = tree(fake.requests("/update/await_ingress_message").get(0).response()).get("Err");
            assertEquals("CanisterReject", err.get("reject_code").asText());
            assertEquals("InsufficientCyclesForCreateCanister", err.get("error_code").asText());
        }
    }

    @Test
    void knowsTheV12ErrorCodeNames() throws IOException {
        assertEquals(new RejectInfo(5, "CanisterError", "IC0537", "CanisterWasmModuleNotFound", "m", true),
                RejectInfo.fromJson(tree("{\"reject_code\": \"CanisterError\", \"reject_message\": \"m\","
                        + " \"error_code\": \"CanisterWasmModuleNotFound\", \"certified\": true}")));
        assertEquals(new RejectInfo(6, "SysUnknown", "IC0602", "ResponseDropped", "m", false),
                RejectInfo.fromJson(tree("{\"reject_message\": \"m\", \"error_code\": 602}")));
        assertEquals("IC0526", RejectInfo.fromJson(tree("{\"error_code\": "
                + "\"QueryCallGraphTotalInstructionLimitExceeded\"}")).errorCode());
        assertEquals("IC0601", RejectInfo.fromJson(tree("{\"error_code\": \"DeadlineExpired\"}")).errorCode());
        assertTrue(RejectInfo.fromJson(tree("{\"error_code\": \"InsufficientCyclesInMemoryGrow\"}")).isOutOfCycles());
        assertEquals("IC0540", RejectInfo.fromJson(tree("{\"error_code\": \"ReservedCyclesLimitIsTooLow\"}"))
                .errorCode());
    }

    @Test
    void readsRejectsFromEverySupportedShape() throws IOException {
        assertEquals(new RejectInfo(1, "SysFatal", "IC0102", "MaxNumberOfCanistersReached", "full", false),
                RejectInfo.fromJson(tree("{\"reject_code\": \"SysFatal\", \"reject_message\": \"full\","
                        + " \"error_code\": \"IC0102\"}")));
        assertEquals(new RejectInfo(3, "DestinationInvalid", "IC0301", "CanisterNotFound", "gone", false),
                RejectInfo.fromJson(tree("{\"code\": \"CanisterNotFound\", \"description\": \"gone\"}")));
        assertEquals(new RejectInfo(4, "CanisterReject", "", "", "no thanks", false),
                RejectInfo.fromJson(tree("\"no thanks\"")));
        assertEquals(new RejectInfo(5, "CanisterError", "IC0501", "CanisterOutOfCycles", "old", false),
                RejectInfo.fromJson(tree("{\"reject_code\": 5, \"reject_message\": \"old\", \"error_code\": 501}")));
        assertEquals(new RejectInfo(0, "Whatever", "", "SomethingNew", "m", true),
                RejectInfo.fromJson(tree("{\"reject_code\": \"Whatever\", \"reject_message\": \"m\","
                        + " \"error_code\": \"SomethingNew\", \"certified\": true}")));
        assertTrue(RejectInfo.fromJson(tree("{\"reject_code\": 2, \"reject_message\": \"m\", \"error_code\": 207}"))
                .isOutOfCycles());
        assertNull(RejectInfo.fromJson(tree("{\"unexpected\": 1}")));
        assertNull(RejectInfo.fromJson(tree("17")));
    }

    @Test
    void getsAndSetsTheInstanceTimeAndRefusesThePast() {
        try (PocketIcInstance ic = client.createInstance()) {
            long t = ic.getTime();
            assertEquals(FakePocketIc.GENESIS_NANOS, t);
            ic.setTime(t + 60_000_000_000L);
            assertEquals(t + 60_000_000_000L, ic.getTime());
            PocketIcException e = assertThrows(PocketIcException.class, () -> ic.setTime(t));
            assertEquals(400, e.status());
            assertEquals("POST /instances/0/update/set_time", e.endpoint());
            assertTrue(e.getMessage().contains("SettingTimeIntoPast"), e.getMessage());
            Recorded set = fake.requests("/update/set_time").get(0);
            assertEquals("{\"nanos_since_epoch\":" + (t + 60_000_000_000L) + "}", set.body());
        }
    }

    @Test
    void readsAndAddsCyclesAsU128() {
        try (PocketIcInstance ic = client.createInstance()) {
            BigInteger big = BigInteger.ONE.shiftLeft(100);
            Principal id = createCanister(ic, big);
            assertEquals(big, ic.getCycles(id));
            assertEquals(big.shiftLeft(1), ic.addCycles(id, big));
            assertEquals("{\"canister_id\":\"" + b64(id) + "\",\"amount\":" + big + "}",
                    fake.requests("/update/add_cycles").get(0).body());
            assertEquals("{\"cycles\":" + big.shiftLeft(1) + "}", fake.requests("/update/add_cycles").get(0).response());
            assertThrows(IllegalArgumentException.class, () -> ic.addCycles(id, BigInteger.ONE.shiftLeft(128)));
        }
    }

    @Test
    void knowsTheSubnetAndControllersOfCreatedCanistersOnly() {
        try (PocketIcInstance ic = client.createInstance()) {
            Principal id = createCanister(ic, TWO_T);
            assertEquals(Optional.of(fake.subnet(0)), ic.getSubnet(id));
            assertEquals(Optional.empty(), ic.getSubnet(Principal.canisterId(12345)));
            assertEquals(List.of(SENDER), ic.getControllers(id));
        }
    }

    @Test
    void sendsTheProcessingTimeoutOnEveryRequestAndJsonContentTypeOnEveryPost() {
        try (PocketIcInstance ic = client.createInstance()) {
            fake.answerNextWithStarted(1, 1);
            createCanister(ic, TWO_T);
            ic.tick();
            ic.getTime();
        }
        for (Recorded r : fake.requests()) {
            assertEquals("3000", r.processingTimeoutMs(), r.rawPath());
            if (r.method().equals("POST")) {
                assertEquals("application/json", r.contentType(), r.rawPath());
            }
        }
    }

    @Test
    void anUnreachableServerIsUnavailableAndTheMessageNamesTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        PocketIcClient closed = PocketIcClient.connect(url, FAST);
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class, closed::status);
        assertTrue(e.getMessage().startsWith("PocketIC server at " + url + " is unreachable (GET /status)"),
                e.getMessage());
        SubstrateUnavailableException e2 = assertThrows(SubstrateUnavailableException.class, closed::createInstance);
        assertTrue(e2.getMessage().contains(url.toString()), e2.getMessage());
    }

    @Test
    void encodesPathSegmentsStrictly() {
        assertEquals("a%2Fb%28c%29%20d%3D", PocketIcClient.encodeSegment("a/b(c) d="));
        assertEquals("AZaz09-._~", PocketIcClient.encodeSegment("AZaz09-._~"));
        assertEquals("%C3%A9", PocketIcClient.encodeSegment("é"));
    }
}
