package org.caniclab.core.ic;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * An Internet Computer principal: up to 29 raw bytes, written in the IC's textual form.
 *
 * <p>The textual form is the CRC32 (big-endian) of the bytes followed by the bytes, encoded as
 * lowercase base32 without padding and grouped by five characters with dashes. Parsing accepts only
 * that canonical form, so a corrupted character is always rejected (by checksum or by shape).
 * Principals order as on the IC: shorter byte length first, then unsigned lexicographic bytes.
 *
 * <pre>{@code
 * Principal mgmt = Principal.fromText("aaaaa-aa");          // the management canister
 * Principal first = Principal.canisterId(0);                 // rwlgt-iiaaa-aaaaa-aaaaa-cai
 * assert first.compareTo(Principal.canisterId(1)) < 0;
 * }</pre>
 */
public final class Principal implements Comparable<Principal> {
    /** The longest principal the IC accepts, in bytes. */
    public static final int MAX_LENGTH = 29;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Principal MANAGEMENT = new Principal(new byte[0]);
    private static final Principal ANONYMOUS = new Principal(new byte[] {0x04});

    private final byte[] bytes;
    private String text; // cached: principals are printed often in outputs

    private Principal(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A principal from raw bytes (copied); rejects more than {@value #MAX_LENGTH} bytes. */
    public static Principal of(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "principal has " + bytes.length + " bytes; at most " + MAX_LENGTH + " are accepted");
        }
        return new Principal(bytes.clone());
    }

    /** The management canister, {@code aaaaa-aa}. */
    public static Principal managementCanister() {
        return MANAGEMENT;
    }

    /** The anonymous principal, {@code 2vxsx-fae}. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /** A canister id in the IC layout: the 8-byte big-endian index followed by {@code 0x01 0x01}. */
    public static Principal canisterId(long index) {
        byte[] b = new byte[10];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (index >>> (56 - 8 * i));
        }
        b[8] = 1;
        b[9] = 1;
        return new Principal(b);
    }

    /** Parses the canonical textual form; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Principal fromText(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("principal text is empty");
        }
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                continue;
            }
            if (value(c) < 0) {
                throw new IllegalArgumentException("principal '" + text + "' has character '" + c
                        + "' at position " + i + "; accepted are a-z, 2-7 and '-'");
            }
            compact.append(c);
        }
        byte[] decoded = decodeBase32(compact, text);
        if (decoded.length < 4) {
            throw new IllegalArgumentException("principal '" + text + "' is too short to hold its checksum");
        }
        if (decoded.length - 4 > MAX_LENGTH) {
            throw new IllegalArgumentException("principal '" + text + "' encodes " + (decoded.length - 4)
                    + " bytes; at most " + MAX_LENGTH + " are accepted");
        }
        byte[] body = Arrays.copyOfRange(decoded, 4, decoded.length);
        long crc = crc32(body);
        long stored = ((decoded[0] & 0xFFL) << 24) | ((decoded[1] & 0xFFL) << 16)
                | ((decoded[2] & 0xFFL) << 8) | (decoded[3] & 0xFFL);
        if (crc != stored) {
            throw new IllegalArgumentException("principal '" + text + "' has a wrong checksum");
        }
        Principal p = new Principal(body);
        if (!p.toText().equals(text)) {
            throw new IllegalArgumentException("principal '" + text + "' is not in canonical form; expected '"
                    + p.toText() + "' (lowercase, a dash after every 5 characters)");
        }
        return p;
    }

    /** A copy of the raw bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Number of raw bytes. */
    public int length() {
        return bytes.length;
    }

    /** The raw byte at {@code i}, unsigned. */
    public int byteAt(int i) {
        return bytes[i] & 0xFF;
    }

    /** The canonical textual form. */
    public String toText() {
        String t = text;
        if (t == null) {
            t = encode(bytes);
            text = t;
        }
        return t;
    }

    @Override
    public String toString() {
        return toText();
    }

    @Override
    public int compareTo(Principal o) {
        if (bytes.length != o.bytes.length) {
            return Integer.compare(bytes.length, o.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    private static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    private static String encode(byte[] body) {
        long crc = crc32(body);
        byte[] all = new byte[body.length + 4];
        all[0] = (byte) (crc >>> 24);
        all[1] = (byte) (crc >>> 16);
        all[2] = (byte) (crc >>> 8);
        all[3] = (byte) crc;
        System.arraycopy(body, 0, all, 4, body.length);
        StringBuilder b32 = new StringBuilder((all.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte value : all) {
            buffer = (buffer << 8) | (value & 0xFF);
            bits += 8;
            while (bits >= 5) {
                b32.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            b32.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        StringBuilder out = new StringBuilder(b32.length() + b32.length() / 5);
        for (int i = 0; i < b32.length(); i++) {
            if (i > 0 && i % 5 == 0) {
                out.append('-');
            }
            out.append(b32.charAt(i));
        }
        return out.toString();
    }

    private static byte[] decodeBase32(CharSequence s, String original) {
        int n = s.length() * 5 / 8;
        byte[] out = new byte[n];
        int buffer = 0;
        int bits = 0;
        int idx = 0;
        for (int i = 0; i < s.length(); i++) {
            buffer = (buffer << 5) | value(s.charAt(i));
            bits += 5;
            if (bits >= 8) {
                out[idx++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return 26 + (c - '2');
        }
        return -1;
    }
}
