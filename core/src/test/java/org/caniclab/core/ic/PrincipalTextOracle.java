package org.caniclab.core.ic;

import java.util.zip.CRC32;

/**
 * An independent, deliberately naive writer of the IC's principal text (bit-by-bit base32 over
 * CRC32-big-endian ‖ bytes, dash every five characters), used as the oracle for {@link Principal}.
 * It accepts any length, so tests can build well-formed texts of principals that are too long.
 */
final class PrincipalTextOracle {
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private PrincipalTextOracle() {}

    static String encode(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        long c = crc.getValue();
        byte[] all = new byte[body.length + 4];
        all[0] = (byte) (c >>> 24);
        all[1] = (byte) (c >>> 16);
        all[2] = (byte) (c >>> 8);
        all[3] = (byte) c;
        System.arraycopy(body, 0, all, 4, body.length);
        int nbits = all.length * 8;
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < nbits; i += 5) {
            int v = 0;
            for (int j = 0; j < 5; j++) {
                int bit = i + j;
                v <<= 1;
                if (bit < nbits && ((all[bit / 8] >> (7 - bit % 8)) & 1) == 1) {
                    v |= 1;
                }
            }
            plain.append(ALPHABET.charAt(v));
        }
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            if (i > 0 && i % 5 == 0) {
                grouped.append('-');
            }
            grouped.append(plain.charAt(i));
        }
        return grouped.toString();
    }

    /** Length first, then unsigned bytes: the IC's order, written independently of {@link Principal}. */
    static int compare(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return a.length < b.length ? -1 : 1;
        }
        for (int i = 0; i < a.length; i++) {
            int x = a[i] & 0xFF;
            int y = b[i] & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }
}
