package org.caniclab.core.ic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("property")
class PrincipalPropertyTest {
    private static final long SEED = 0x5CA1E_0333L;
    private static final String TEXT_CHARS = PrincipalTextOracle.ALPHABET + "-";

    private static byte[] randomBytes(SplittableRandom rnd, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void textRoundTripsForRandomBytesOfEveryLength() {
        for (int len = 0; len <= Principal.MAX_LENGTH; len++) {
            for (int sample = 0; sample < 200; sample++) {
                long seed = SEED + len * 1_000L + sample;
                byte[] raw = randomBytes(new SplittableRandom(seed), len);
                Principal pid = Principal.of(raw);
                String text = pid.toText();
                String ctx = "seed=" + seed + " bytes=" + hex(raw) + " text=" + text;
                assertEquals(PrincipalTextOracle.encode(raw), text, () -> ctx);
                assertEquals(pid, Principal.fromText(text), () -> ctx);
                assertEquals(hex(raw), hex(Principal.fromText(text).toBytes()), () -> ctx);
            }
        }
    }

    @Test
    void textRoundTripsForBytesOfRandomLength() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int c = 0; c < 5_000; c++) {
            byte[] raw = randomBytes(rnd, rnd.nextInt(Principal.MAX_LENGTH + 1));
            String text = Principal.of(raw).toText();
            int fc = c;
            assertEquals(hex(raw), hex(Principal.fromText(text).toBytes()),
                    () -> "seed=" + SEED + " case=" + fc + " text=" + text);
        }
    }

    @Test
    void rejectsEverySingleCharacterReplacement() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int c = 0; c < 300; c++) {
            int len = c % (Principal.MAX_LENGTH + 1); // every length 0..29, ten times each
            byte[] raw = randomBytes(rnd, len);
            String text = Principal.of(raw).toText();
            for (int pos = 0; pos < text.length(); pos++) {
                for (int k = 0; k < TEXT_CHARS.length(); k++) {
                    char repl = TEXT_CHARS.charAt(k);
                    if (repl == text.charAt(pos)) {
                        continue;
                    }
                    String bad = text.substring(0, pos) + repl + text.substring(pos + 1);
                    expectRejected(bad, "seed=" + (SEED + 1) + " case=" + c + " original=" + text);
                }
            }
        }
    }

    @Test
    void rejectsEveryDashInsertionAndDeletion() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int c = 0; c < 300; c++) {
            byte[] raw = randomBytes(rnd, c % (Principal.MAX_LENGTH + 1));
            String text = Principal.of(raw).toText();
            String ctx = "seed=" + (SEED + 2) + " case=" + c + " original=" + text;
            for (int pos = 0; pos <= text.length(); pos++) {
                expectRejected(text.substring(0, pos) + '-' + text.substring(pos), ctx);
            }
            int dashes = 0;
            for (int pos = 0; pos < text.length(); pos++) {
                if (text.charAt(pos) == '-') {
                    dashes++;
                    expectRejected(text.substring(0, pos) + text.substring(pos + 1), ctx);
                }
            }
            assertEquals((text.length() - 1) / 6, dashes, () -> ctx + ": one dash per five characters");
        }
    }

    @Test
    void ordersAsLengthThenUnsignedBytes() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (int c = 0; c < 20_000; c++) {
            // short lengths collide often, so equal-length and equal-value pairs are exercised
            byte[] a = randomBytes(rnd, rnd.nextInt(4));
            byte[] b = rnd.nextBoolean() ? a.clone() : randomBytes(rnd, rnd.nextInt(4));
            if (rnd.nextInt(4) == 0 && a.length > 0 && b.length == a.length) {
                b[rnd.nextInt(b.length)] ^= (byte) 0x80; // flip a sign bit
            }
            Principal pa = Principal.of(a);
            Principal pb = Principal.of(b);
            int expected = PrincipalTextOracle.compare(a, b);
            String ctx = "seed=" + (SEED + 3) + " case=" + c + " a=" + hex(a) + " b=" + hex(b);
            assertEquals(expected, Integer.signum(pa.compareTo(pb)), () -> ctx);
            assertEquals(-expected, Integer.signum(pb.compareTo(pa)), () -> ctx);
            assertEquals(expected == 0, pa.equals(pb), () -> ctx);
            if (expected == 0) {
                assertEquals(pa.hashCode(), pb.hashCode(), () -> ctx);
            }
        }
    }

    private static void expectRejected(String bad, String ctx) {
        try {
            Principal parsed = Principal.fromText(bad);
            fail(ctx + ": corrupted text '" + bad + "' was accepted as " + hex(parsed.toBytes()));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(bad) || bad.isEmpty(),
                    () -> ctx + ": message does not name '" + bad + "': " + e.getMessage());
        }
    }

    @Test
    void rejectsEveryWellFormedTextOfThirtyOrMoreBytes() {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        for (int len = Principal.MAX_LENGTH + 1; len <= 40; len++) {
            String text = PrincipalTextOracle.encode(randomBytes(rnd, len));
            int flen = len;
            assertThrows(IllegalArgumentException.class, () -> Principal.fromText(text),
                    () -> "seed=" + (SEED + 4) + " len=" + flen + " text=" + text);
        }
    }
}
