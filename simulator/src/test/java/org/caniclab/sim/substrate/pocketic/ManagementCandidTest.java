package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.CandidWriter;
import org.caniclab.sim.substrate.management.CandidFormatException;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.junit.jupiter.api.Test;

/** The hand-written Candid against the golden vectors of the backends spec §B.5 (from @dfinity/candid 3.4.3). */
class ManagementCandidTest {
    private static final String REPLY_VECTOR = "4449444c016c01b3c4b1f204680100010affffffffffe000000101";
    private static final String CREATE_VECTOR = "4449444c0d6e7d6c02f1fee18d0371cbe4fdc704716d016e026d686e046b03d7e09b90"
            + "027fa981ceb7067fcaa989aa08046e066c09c0cff27100e8f09b73008ba08eaa0103d7e09b90020580ad988a0400edd9c8c9070"
            + "7f8e287cc0c00deebb5a90e00a882acc60f006e086e686e786c04e3f9f5d90809cae5edbc0c0ad8a38ca80d00ca9998b40d0b010c"
            + "00000180a094a58d1d00";
    private static final String INSTALL_VECTOR = "4449444c096d7b6b0285a19bb8047fb490a1d90a7f6e016e7e6c02dceaaefa0202c0a09b"
            + "de05036e046b03c8bb8a707f9ce9c69906059baaebec087f6e786c05d6fca70200a79fc97e00e3a683c30406b3c4b1f20468ca99"
            + "98b40d070108064449444c0000080061736d0100000002010affffffffffe00000010100";
    private static final Principal LXZZE = Principal.fromText("lxzze-o7777-77777-aaaaa-cai");
    private static final BigInteger ONE_T = new BigInteger("1000000000000");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void fieldHashesMatchTheSpecsTable() {
        assertEquals(1313628723L, ManagementCandid.fieldHash("canister_id"));
        assertEquals(100394802L, ManagementCandid.fieldHash("status"));
        assertEquals(2190693645L, ManagementCandid.fieldHash("cycles"));
        assertEquals(2928387969L, ManagementCandid.fieldHash("module_hash"));
        assertEquals(1054895615L, ManagementCandid.fieldHash("memory_size"));
        assertEquals(2336062691L, ManagementCandid.fieldHash("settings"));
        assertEquals(570880087L, ManagementCandid.fieldHash("controllers"));
        assertEquals(1130484237L, ManagementCandid.fieldHash("stopped"));
        assertEquals(3949555199L, ManagementCandid.fieldHash("running"));
        assertEquals(2990082932L, ManagementCandid.fieldHash("stopping"));
        assertEquals(17724L, ManagementCandid.fieldHash("Ok"));
        assertEquals(3456837L, ManagementCandid.fieldHash("Err"));
    }

    @Test
    void decodesTheReferenceReplyVectorExactly() {
        Principal id = ManagementCandid.decodeCanisterIdRecord(hex(REPLY_VECTOR));
        assertEquals("lxzze-o7777-77777-aaaaa-cai", id.toText());
        assertEquals(Principal.canisterId(FakePocketIc.RANGE_START), id);
    }

    @Test
    void encodesTheCanisterIdRecordByteForByteAsTheReference() {
        assertEquals(REPLY_VECTOR, hex(ManagementCandid.encodeCanisterIdRecord(LXZZE)));
    }

    @Test
    void createArgumentDecodesToTheSameValueAsTheReferenceVector() {
        ProvisionalCreateArgs reference = CandidDecoding.decodeProvisionalCreateArgs(hex(CREATE_VECTOR));
        ProvisionalCreateArgs expected = new ProvisionalCreateArgs(Optional.of(ONE_T), Optional.empty(),
                Optional.empty(), OptionalLong.empty());
        assertEquals(expected, reference, "the reference vector, with the full settings type, decodes to the value");
        byte[] ours = ManagementCandid.encodeProvisionalCreateArgs(expected);
        assertEquals(reference, CandidDecoding.decodeProvisionalCreateArgs(ours), "decoded both ways, equal");
    }

    @Test
    void writesTheSmallestTypeTableWithFieldsSortedByHash() {
        byte[] ours = ManagementCandid.encodeProvisionalCreateArgs(new ProvisionalCreateArgs(Optional.of(ONE_T),
                Optional.empty(), Optional.empty(), OptionalLong.empty()));
        // types: opt nat; vec principal; opt 1; record {controllers: 2}; opt 3; opt principal; opt nat64;
        // record {settings: 4; specified_id: 5; amount: 0; sender_canister_version: 6} (hash order)
        // values in hash order: settings none, specified_id none, amount opt 1T, sender_canister_version none.
        assertEquals("4449444c08" + "6e7d" + "6d68" + "6e01" + "6c01d7e09b900202" + "6e03" + "6e68" + "6e78"
                + "6c04e3f9f5d90804cae5edbc0c05d8a38ca80d00ca9998b40d06" + "0107" + "00" + "00" + "0180a094a58d1d"
                + "00", hex(ours));
        assertTrue(hex(hex(CREATE_VECTOR)).endsWith("00000180a094a58d1d00"), "the reference writes the same values");
    }

    @Test
    void createArgumentRoundTripsEveryField() {
        Principal hub = Principal.canisterId(7);
        ProvisionalCreateArgs args = new ProvisionalCreateArgs(Optional.of(BigInteger.ONE.shiftLeft(127).add(ONE_T)),
                Optional.of(List.of(hub, Principal.anonymous(), Principal.managementCanister(), LXZZE)),
                Optional.of(LXZZE), OptionalLong.of(-1L)); // u64 max
        byte[] bytes = ManagementCandid.encodeProvisionalCreateArgs(args);
        assertEquals(args, CandidDecoding.decodeProvisionalCreateArgs(bytes));

        ProvisionalCreateArgs noControllers = new ProvisionalCreateArgs(Optional.of(BigInteger.ZERO),
                Optional.of(List.of()), Optional.empty(), OptionalLong.of(42));
        assertEquals(noControllers,
                CandidDecoding.decodeProvisionalCreateArgs(ManagementCandid.encodeProvisionalCreateArgs(noControllers)));
        ProvisionalCreateArgs nothing = new ProvisionalCreateArgs(Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
        assertEquals(nothing,
                CandidDecoding.decodeProvisionalCreateArgs(ManagementCandid.encodeProvisionalCreateArgs(nothing)));
    }

    @Test
    void encodesControllersAsOptVecPrincipalInsideOptSettings() {
        byte[] bytes = ManagementCandid.encodeProvisionalCreateArgs(ProvisionalCreateArgs.of(ONE_T, List.of(LXZZE)));
        // settings = opt (1) record { controllers = opt (1) vec (len 1) { principal (tag 1, len 10, bytes) } }
        assertTrue(hex(bytes).contains("0107" + "01" + "01" + "01" + "010a" + "ffffffffffe000000101"), hex(bytes));
    }

    @Test
    void readsTheInstallCodeReferenceAsInstallNotReinstall() {
        CandidReader.Message m = CandidReader.decode(hex(INSTALL_VECTOR));
        CandidReader.Rec rec = (CandidReader.Rec) m.args().get(0);
        CandidReader.Variant mode = (CandidReader.Variant) rec.values().get(ManagementCandid.fieldHash("mode"));
        assertEquals(ManagementCandid.fieldHash("install"), mode.hash());
        assertEquals(2, mode.index(), "hash order: reinstall, upgrade, install");
        assertEquals(LXZZE, rec.values().get(ManagementCandid.fieldHash("canister_id")));
        assertArrayEquals(hex("0061736d01000000"), (byte[]) rec.values().get(ManagementCandid.fieldHash("wasm_module")));
        assertArrayEquals(hex("4449444c0000"), (byte[]) rec.values().get(ManagementCandid.fieldHash("arg")));
        assertEquals(Optional.empty(), rec.values().get(ManagementCandid.fieldHash("sender_canister_version")));
    }

    @Test
    void replyDecodingAcceptsExtraFieldsAndArguments() {
        assertEquals(LXZZE, CandidDecoding.decodeCanisterIdRecord(extraFieldsAndArguments()));
        assertEquals(LXZZE, ManagementCandid.decodeCanisterIdRecord(extraFieldsAndArguments()), "production too");
    }

    private static byte[] extraFieldsAndArguments() {
        // record { canister_id : principal; 4000000000 : nat }, then a second argument of type text
        long extra = 4_000_000_000L;
        assertTrue(extra > ManagementCandid.H_CANISTER_ID);
        byte[] bytes = new CandidWriter().magic().uleb(1).raw(0x6c).uleb(2).uleb(ManagementCandid.H_CANISTER_ID)
                .raw(0x68).uleb(extra).raw(0x7d).uleb(2).uleb(0).raw(0x71)
                .principal(LXZZE).uleb(300).text("hello").toByteArray();
        return bytes;
    }

    @Test
    void createDecoderRejectsAFieldOfTheWrongType() {
        // record { amount : opt int }
        byte[] bytes = new CandidWriter().magic().uleb(2).raw(0x6e).raw(0x7c).raw(0x6c).uleb(1)
                .uleb(ManagementCandid.H_AMOUNT).uleb(0).uleb(1).uleb(1).raw(0).toByteArray();
        CandidFormatException e = assertThrows(CandidFormatException.class,
                () -> CandidDecoding.decodeProvisionalCreateArgs(bytes));
        assertEquals("field amount: expected opt nat, found opt int", e.getMessage());
    }

    /** The general (test-scope) reader the fake's management canister decodes with. */
    @Test
    void rejectsMalformedReplies() {
        assertMalformed("", "magic");
        assertMalformed("4449444d016c01b3c4b1f204680100010affffffffffe000000101", "magic");
        assertMalformed("4449444c", "input ends inside type table length");
        assertMalformed(REPLY_VECTOR.substring(0, REPLY_VECTOR.length() - 2), "runs past the end");
        assertMalformed(REPLY_VECTOR + "00", "1 trailing bytes");
        assertMalformed("4449444c0000", "no arguments");
        assertMalformed("4449444c00017d05", "the first argument is nat");
        // record { foo : principal }
        String foo = hex(new CandidWriter().uleb(ManagementCandid.fieldHash("foo")).toByteArray());
        assertMalformed("4449444c016c01" + foo + "680100010affffffffffe000000101", "no field canister_id");
        // record { canister_id : text }
        assertMalformed("4449444c016c01b3c4b1f2047101000568656c6c6f", "field canister_id: expected principal, found text");
        // field ids not ascending
        assertMalformed("4449444c016c02b3c4b1f204680168" + "0100", "not sorted");
        // a type reference past the table
        assertMalformed("4449444c016e050100" + "00", "refers to type 5");
        // a principal of 30 bytes
        assertMalformed("4449444c016c01b3c4b1f20468010001" + "1e" + "00".repeat(30), "30 bytes");
        // an opaque principal reference (tag 0)
        assertMalformed("4449444c016c01b3c4b1f2046801000000", "principal tag is 0");
        // vec null claiming 2^40 elements
        assertMalformed("4449444c016d7f0100" + "808080808020", "budget");
        // type 0 = opt 0, nested 100 deep
        assertMalformed("4449444c016e00010" + "0" + "01".repeat(100) + "00", "deeper than");
        // a bool that is 2
        assertMalformed("4449444c00017e02", "bool byte is 2");
        // func types are outside this reader
        assertMalformed("4449444c016a000000010000", "func");
    }

    @Test
    void productionReplyReaderRejectsWhatItDoesNotRead() {
        // the structural rules both readers share
        assertProductionMalformed("", "magic");
        assertProductionMalformed(REPLY_VECTOR.substring(0, REPLY_VECTOR.length() - 2), "runs past the end");
        assertProductionMalformed(REPLY_VECTOR + "00", "1 trailing bytes");
        assertProductionMalformed("4449444c0000", "no arguments");
        assertProductionMalformed("4449444c00017d05", "the first argument is nat");
        assertProductionMalformed("4449444c016c01b3c4b1f2047101000568656c6c6f",
                "field canister_id: expected principal, found text");
        assertProductionMalformed("4449444c016c02b3c4b1f204680168" + "0100", "not sorted");
        assertProductionMalformed("4449444c016c01b3c4b1f20468010001" + "1e" + "00".repeat(30), "30 bytes");
        assertProductionMalformed("4449444c016c01b3c4b1f2046801000000", "principal tag is 0");
        assertProductionMalformed(hex(new CandidWriter().magic().uleb(1).raw(0x6c).uleb(2)
                .uleb(ManagementCandid.H_CANISTER_ID).raw(0x68).uleb(4_000_000_000L).raw(0x7e).uleb(1).uleb(0)
                .principal(LXZZE).raw(2).toByteArray()), "bool byte is 2");
        // composite types are the general reader's business, not production's
        assertProductionMalformed("4449444c016d7f0100" + "808080808020", "only records");
        assertProductionMalformed("4449444c016a000000010000", "only records");
        // record { canister_id : principal; x : opt nat }
        assertProductionMalformed(hex(new CandidWriter().magic().uleb(2).raw(0x6c).uleb(2)
                .uleb(ManagementCandid.H_CANISTER_ID).raw(0x68).uleb(4_000_000_000L).uleb(1)
                .raw(0x6e).raw(0x7d).uleb(1).uleb(0).toByteArray()), "only primitive");
    }

    private static void assertProductionMalformed(String hexBytes, String expectedFragment) {
        CandidFormatException e = assertThrows(CandidFormatException.class,
                () -> ManagementCandid.decodeCanisterIdRecord(hex(hexBytes)), hexBytes);
        assertTrue(e.getMessage().contains(expectedFragment),
                () -> "message '" + e.getMessage() + "' should mention '" + expectedFragment + "'");
    }

    private static void assertMalformed(String hexBytes, String expectedFragment) {
        CandidFormatException e = assertThrows(CandidFormatException.class,
                () -> CandidDecoding.decodeCanisterIdRecord(hex(hexBytes)), hexBytes);
        assertTrue(e.getMessage().contains(expectedFragment),
                () -> "message '" + e.getMessage() + "' should mention '" + expectedFragment + "'");
    }
}
