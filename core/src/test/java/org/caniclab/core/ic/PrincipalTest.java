package org.caniclab.core.ic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrincipalTest {

    private static Principal p(int... unsignedBytes) {
        byte[] b = new byte[unsignedBytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) unsignedBytes[i];
        }
        return Principal.of(b);
    }

    private static IllegalArgumentException rejects(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Principal.fromText(text),
                () -> "'" + text + "' was accepted");
    }

    // --- known vectors ---------------------------------------------------------------------------

    @Test
    void writesEmptyPrincipalAsManagementCanisterText() {
        assertEquals("aaaaa-aa", Principal.of(new byte[0]).toText());
        assertEquals("aaaaa-aa", Principal.managementCanister().toText());
    }

    @Test
    void writesSingleByte04AsAnonymousText() {
        assertEquals("2vxsx-fae", p(0x04).toText());
        assertEquals("2vxsx-fae", Principal.anonymous().toText());
    }

    @Test
    void writesCanisterIdsInIcLayout() {
        assertEquals("rwlgt-iiaaa-aaaaa-aaaaa-cai", Principal.canisterId(0).toText());
        assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", Principal.canisterId(1).toText());
        assertEquals("ryjl3-tyaaa-aaaaa-aaaba-cai", Principal.canisterId(2).toText()); // the ICP ledger
    }

    @Test
    void canisterIdIsEightByteBigEndianIndexThenTwoOnes() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2, 1, 1}, Principal.canisterId(258).toBytes());
        assertEquals(10, Principal.canisterId(Long.MAX_VALUE).length());
    }

    @Test
    void parsesKnownVectorsBackToTheSameBytes() {
        assertEquals(Principal.managementCanister(), Principal.fromText("aaaaa-aa"));
        assertEquals(Principal.anonymous(), Principal.fromText("2vxsx-fae"));
        assertEquals(Principal.canisterId(0), Principal.fromText("rwlgt-iiaaa-aaaaa-aaaaa-cai"));
        assertEquals(Principal.canisterId(1), Principal.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai"));
    }

    // --- rejection of malformed text ---------------------------------------------------------------

    @Test
    void rejectsWrongChecksumNamingTheText() {
        // last group of canisterId(1) with canisterId(0)'s checksum prefix: well-formed, wrong CRC
        String text = "rwlgt-iiaaa-aaaaa-aaaaq-cai";
        IllegalArgumentException e = rejects(text);
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void rejectsWellFormedTextOfThirtyBytesNamingTheText() {
        String text = PrincipalTextOracle.encode(new byte[30]);
        IllegalArgumentException e = rejects(text);
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void acceptsWellFormedTextOfTwentyNineBytes() {
        byte[] max = new byte[29];
        java.util.Arrays.fill(max, (byte) 0xFF);
        assertEquals(Principal.of(max), Principal.fromText(PrincipalTextOracle.encode(max)));
    }

    @Test
    void rejectsTextWithoutDashesNamingTheText() {
        IllegalArgumentException e = rejects("aaaaaaa");
        assertTrue(e.getMessage().contains("'aaaaaaa'"), e.getMessage());
    }

    @Test
    void rejectsMisplacedDashes() {
        rejects("aaaa-aaa");
        rejects("aaaaa-a-a");
        rejects("-aaaaa-aa");
        rejects("aaaaa-aa-");
        rejects("aaaaa--aa");
        rejects("rwlgt-iiaaa-aaaaaa-aaaa-cai");
    }

    @Test
    void rejectsUppercaseNamingTheText() {
        IllegalArgumentException e = rejects("2VXSX-FAE");
        assertTrue(e.getMessage().contains("2VXSX-FAE"), e.getMessage());
        rejects("2vxsx-faE");
    }

    @Test
    void rejectsCharactersOutsideBase32AlphabetNamingTheText() {
        for (String text : new String[] {"aaaaa-a1", "aaaaa-a0", "aaaaa-a8", "aaaaa-a9", "aaaaa_aa",
                "aaaaa aa", "aaaaa-aé", "aaaaa-a="}) {
            IllegalArgumentException e = rejects(text);
            assertTrue(e.getMessage().contains(text), () -> text + ": " + e.getMessage());
        }
    }

    @Test
    void rejectsEmptyAndChecksumlessText() {
        rejects("");
        rejects("-");
        rejects("aa");
        rejects("aaaaa");
    }

    @Test
    void refusesMoreThanTwentyNineRawBytes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Principal.of(new byte[30]));
        assertTrue(e.getMessage().contains("30"), e.getMessage());
    }

    // --- value semantics --------------------------------------------------------------------------

    @Test
    void copiesBytesInAndOut() {
        byte[] raw = {1, 2, 3};
        Principal pid = Principal.of(raw);
        raw[0] = 9;
        byte[] out = pid.toBytes();
        out[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, pid.toBytes());
        assertEquals(3, pid.byteAt(2));
    }

    @Test
    void reportsBytesUnsigned() {
        assertEquals(0xFF, p(0xFF).byteAt(0));
    }

    @Test
    void equalsAndHashByBytes() {
        assertEquals(p(1, 2), p(1, 2));
        assertEquals(p(1, 2).hashCode(), p(1, 2).hashCode());
        assertNotEquals(p(1, 2), p(2, 1));
        assertNotEquals(p(0), p(0, 0));
    }

    // --- ordering ---------------------------------------------------------------------------------

    @Test
    void ordersBytesUnsigned() {
        assertTrue(p(0x80).compareTo(p(0x7F)) > 0);
        assertTrue(p(0x7F).compareTo(p(0x80)) < 0);
        assertTrue(p(0x01, 0xFF).compareTo(p(0x02, 0x00)) < 0);
    }

    @Test
    void ordersShorterPrincipalsFirst() {
        assertTrue(p(0x00, 0x00).compareTo(p(0xFF)) > 0);
        assertTrue(Principal.managementCanister().compareTo(Principal.anonymous()) < 0);
        assertTrue(p(0xFF, 0xFF, 0xFF).compareTo(Principal.canisterId(0)) < 0);
    }

    @Test
    void ordersCanisterIdsByIndexEvenAcrossSignBits() {
        assertTrue(Principal.canisterId(0).compareTo(Principal.canisterId(1)) < 0);
        assertTrue(Principal.canisterId(127).compareTo(Principal.canisterId(128)) < 0);
        assertTrue(Principal.canisterId(255).compareTo(Principal.canisterId(256)) < 0);
        assertEquals(0, Principal.canisterId(42).compareTo(Principal.canisterId(42)));
    }
}
