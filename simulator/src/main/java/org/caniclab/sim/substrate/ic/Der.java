package org.caniclab.sim.substrate.ic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to read the private-key structures of PKCS#8 and SEC1: tag, length, content. Errors say where the
 * structure broke, never what the bytes were (they are key material).
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag and its content. */
    record Element(int tag, byte[] content) {
        List<Element> children() {
            return parseAll(content);
        }

        boolean isContext(int n) {
            return (tag & 0xC0) == 0x80 && (tag & 0x1F) == n;
        }

        /** The content of an INTEGER as a small number (a version field). */
        int smallInt() {
            if (tag != INTEGER || content.length == 0 || content.length > 2) {
                throw new IllegalArgumentException("expected a small INTEGER");
            }
            int v = 0;
            for (byte b : content) {
                v = (v << 8) | (b & 0xFF);
            }
            return v;
        }
    }

    private Der() {}

    static Element parseOne(byte[] bytes) {
        List<Element> all = parseAll(bytes);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + all.size());
        }
        return all.get(0);
    }

    static List<Element> parseAll(byte[] bytes) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int tag = bytes[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not used by key files");
            }
            if (i >= bytes.length) {
                throw new IllegalArgumentException("DER element without a length");
            }
            int len = bytes[i++] & 0xFF;
            if (len > 0x80) {
                int n = len & 0x7F;
                if (n > 3 || i + n > bytes.length) {
                    throw new IllegalArgumentException("DER length out of range");
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (bytes[i++] & 0xFF);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (i + len > bytes.length) {
                throw new IllegalArgumentException("DER element runs past the end");
            }
            out.add(new Element(tag, Arrays.copyOfRange(bytes, i, i + len)));
            i += len;
        }
        return out;
    }

    /** The dotted form of an OID's content. */
    static String oid(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("empty OID");
        }
        StringBuilder b = new StringBuilder();
        int first = content[0] & 0xFF;
        b.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
        long v = 0;
        for (int i = 1; i < content.length; i++) {
            v = (v << 7) | (content[i] & 0x7F);
            if ((content[i] & 0x80) == 0) {
                b.append('.').append(v);
                v = 0;
            }
        }
        return b.toString();
    }
}
