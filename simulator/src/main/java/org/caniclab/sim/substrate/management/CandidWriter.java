package org.caniclab.sim.substrate.management;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Appends Candid's building blocks (LEB128 numbers, fixed-width integers, blobs) to a growing buffer. */
public final class CandidWriter {
    public static final byte[] MAGIC = {'D', 'I', 'D', 'L'};

    // Type opcodes (the SLEB128 of the negative type codes, all single bytes).
    public static final int NULL = 0x7f;
    public static final int BOOL = 0x7e;
    public static final int NAT = 0x7d;
    public static final int NAT64 = 0x78;
    public static final int TEXT = 0x71;
    public static final int OPT = 0x6e;
    public static final int VEC = 0x6d;
    public static final int RECORD = 0x6c;
    public static final int VARIANT = 0x6b;
    public static final int PRINCIPAL = 0x68;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public CandidWriter magic() {
        out.writeBytes(MAGIC);
        return this;
    }

    public CandidWriter raw(int b) {
        out.write(b);
        return this;
    }

    /** Unsigned LEB128 of a non-negative long. */
    public CandidWriter uleb(long v) {
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
    public CandidWriter uleb(BigInteger v) {
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
    public CandidWriter nat64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** A principal value: the id tag 1, the length, the bytes. */
    public CandidWriter principal(org.caniclab.core.ic.Principal p) {
        byte[] b = p.toBytes();
        raw(1).uleb(b.length);
        out.writeBytes(b);
        return this;
    }

    public CandidWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uleb(b.length);
        out.writeBytes(b);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
