package org.caniclab.sim.substrate.pocketic;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Appends Candid's building blocks (LEB128 numbers, fixed-width integers, blobs) to a growing buffer. */
final class CandidWriter {
    static final byte[] MAGIC = {'D', 'I', 'D', 'L'};

    // Type opcodes (the SLEB128 of the negative type codes, all single bytes).
    static final int NULL = 0x7f;
    static final int BOOL = 0x7e;
    static final int NAT = 0x7d;
    static final int NAT64 = 0x78;
    static final int TEXT = 0x71;
    static final int OPT = 0x6e;
    static final int VEC = 0x6d;
    static final int RECORD = 0x6c;
    static final int VARIANT = 0x6b;
    static final int PRINCIPAL = 0x68;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    CandidWriter magic() {
        out.writeBytes(MAGIC);
        return this;
    }

    CandidWriter raw(int b) {
        out.write(b);
        return this;
    }

    /** Unsigned LEB128 of a non-negative long. */
    CandidWriter uleb(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("LEB128 of a negative number: " + v);
        }
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** Unsigned LEB128 of a {@code nat}. */
    CandidWriter uleb(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("nat is negative: " + v);
        }
        if (v.bitLength() < 63) {
            return uleb(v.longValue());
        }
        BigInteger rest = v;
        BigInteger mask = BigInteger.valueOf(0x7f);
        do {
            int b = rest.and(mask).intValue();
            rest = rest.shiftRight(7);
            out.write(rest.signum() != 0 ? b | 0x80 : b);
        } while (rest.signum() != 0);
        return this;
    }

    /** {@code nat64}: eight bytes, little-endian. */
    CandidWriter nat64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** A principal value: the id tag 1, the length, the bytes. */
    CandidWriter principal(org.caniclab.core.ic.Principal p) {
        byte[] b = p.toBytes();
        raw(1).uleb(b.length);
        out.writeBytes(b);
        return this;
    }

    CandidWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uleb(b.length);
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
