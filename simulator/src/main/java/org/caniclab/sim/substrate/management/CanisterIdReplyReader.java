package org.caniclab.sim.substrate.management;

import org.caniclab.core.ic.Principal;

/**
 * Reads the one Candid message production receives, the create reply {@code record { canister_id : principal }},
 * and nothing more general: the type table may hold only records whose fields are primitive types (so a
 * reply with extra primitive fields or extra primitive arguments still reads), every structural rule that
 * applies is checked, and anything else is a {@link CandidFormatException} naming what was found and where.
 * The general reader the fake management canister needs lives in test code.
 *
 * <pre>{@code
 * Principal created = CanisterIdReplyReader.read(replyBytes);
 * }</pre>
 */
public final class CanisterIdReplyReader {
    private static final int RECORD = -20;
    private static final int PRINCIPAL = -24;
    private static final int MAX_TYPES = 64;
    private static final int MAX_FIELDS = 64;
    private static final int MAX_ARGS = 64;

    private final byte[] in;
    private int pos;

    private CanisterIdReplyReader(byte[] in) {
        this.in = in;
    }

    /** The {@code canister_id} of the first argument, which must be a record holding it as a principal. */
    public static Principal read(byte[] bytes) {
        return new CanisterIdReplyReader(bytes).message();
    }

    private Principal message() {
        if (in.length < 4 || in[0] != 'D' || in[1] != 'I' || in[2] != 'D' || in[3] != 'L') {
            throw fail("does not start with the magic bytes 'DIDL'");
        }
        pos = 4;
        int types = count("type table length", MAX_TYPES);
        long[][] hashes = new long[types][];
        int[][] fieldTypes = new int[types][];
        for (int t = 0; t < types; t++) {
            int at = pos;
            long op = sleb("constructor of type " + t);
            if (op != RECORD) {
                throw failAt(at, "type " + t + " has constructor " + op + "; a create reply's type table holds"
                        + " only records (-20) of primitive fields");
            }
            int n = count("field count of type " + t, MAX_FIELDS);
            hashes[t] = new long[n];
            fieldTypes[t] = new int[n];
            long previous = -1;
            for (int f = 0; f < n; f++) {
                long hash = uleb("field id of type " + t);
                if (hash > 0xFFFF_FFFFL) {
                    throw fail("field id " + hash + " of type " + t + " exceeds 32 bits");
                }
                if (hash <= previous) {
                    throw fail("field ids of type " + t + " are not sorted or repeat (" + previous + " then " + hash
                            + ")");
                }
                previous = hash;
                hashes[t][f] = hash;
                int fieldAt = pos;
                int ref = (int) sleb("type of field " + hash + " of type " + t);
                if (ref >= 0 || primitive(ref) == null || ref == -17) {
                    throw failAt(fieldAt, "field " + hash + " of type " + t + " has type " + ref + "; a create"
                            + " reply's records hold only primitive (non-empty) fields");
                }
                fieldTypes[t][f] = ref;
            }
        }
        int args = count("argument count", MAX_ARGS);
        if (args == 0) {
            throw fail("expected record { canister_id : principal }, but the message has no arguments");
        }
        int[] argTypes = new int[args];
        for (int a = 0; a < args; a++) {
            int at = pos;
            int ref = (int) sleb("type of argument " + a);
            if (ref >= types || ref < 0 && (primitive(ref) == null || ref == -17)) {
                throw failAt(at, "argument " + a + " refers to type " + ref + ", which is neither a table entry (the"
                        + " table has " + types + ") nor a non-empty primitive");
            }
            argTypes[a] = ref;
        }
        if (argTypes[0] < 0) {
            throw fail("expected record { canister_id : principal }, but the first argument is "
                    + primitive(argTypes[0]));
        }
        int first = argTypes[0];
        int field = java.util.Arrays.binarySearch(hashes[first], ManagementCandid.H_CANISTER_ID);
        if (field < 0) {
            throw fail("expected record { canister_id : principal }, but the record has no field canister_id (hash "
                    + ManagementCandid.H_CANISTER_ID + ")");
        }
        if (fieldTypes[first][field] != PRINCIPAL) {
            throw fail("field canister_id: expected principal, found " + primitive(fieldTypes[first][field]));
        }
        Principal id = null;
        for (int a = 0; a < args; a++) {
            if (argTypes[a] < 0) {
                skip(argTypes[a]);
                continue;
            }
            int t = argTypes[a];
            for (int f = 0; f < fieldTypes[t].length; f++) {
                if (a == 0 && f == field) {
                    id = principal();
                } else {
                    skip(fieldTypes[t][f]);
                }
            }
        }
        if (pos != in.length) {
            throw fail((in.length - pos) + " trailing bytes after the last argument");
        }
        return id;
    }

    private void skip(int type) {
        switch (type) {
            case -1, -16 -> { } // null, reserved: no bytes
            case -2 -> {
                int b = byteAt("bool");
                if (b > 1) {
                    throw failAt(pos - 1, "bool byte is " + b + "; accepted are 0 and 1");
                }
            }
            case -3, -4 -> skipLeb(primitive(type)); // unbounded: only the bytes' extent matters here
            case -5, -9 -> take(1, primitive(type));
            case -6, -10 -> take(2, primitive(type));
            case -7, -11, -13 -> take(4, primitive(type));
            case -8, -12, -14 -> take(8, primitive(type));
            case -15 -> take(count("text length", Integer.MAX_VALUE), "text");
            case PRINCIPAL -> principal();
            default -> throw fail("cannot read a value of type " + type);
        }
    }

    private Principal principal() {
        int tag = byteAt("principal tag");
        if (tag != 1) {
            throw failAt(pos - 1, "principal tag is " + tag + "; only 1 (a transparent principal) is accepted");
        }
        int at = pos;
        int len = count("principal length", Integer.MAX_VALUE);
        if (len > Principal.MAX_LENGTH) {
            throw failAt(at, "a principal of " + len + " bytes; at most " + Principal.MAX_LENGTH + " are allowed");
        }
        int start = pos;
        take(len, "principal");
        return Principal.of(java.util.Arrays.copyOfRange(in, start, start + len));
    }

    private void take(int n, String what) {
        if (n > in.length - pos) {
            throw fail(what + " of " + n + " bytes runs past the end of the input");
        }
        pos += n;
    }

    private int byteAt(String what) {
        if (pos >= in.length) {
            throw fail("input ends inside " + what);
        }
        return in[pos++] & 0xff;
    }

    private int count(String what, int max) {
        int at = pos;
        long n = uleb(what);
        if (n > max) {
            throw failAt(at, what + " is " + n + "; at most " + max + " is accepted");
        }
        return (int) n;
    }

    private void skipLeb(String what) {
        while ((byteAt(what) & 0x80) != 0) {
            // continuation bytes
        }
    }

    /** Unsigned LEB128 up to 63 bits. */
    private long uleb(String what) {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = byteAt(what);
            if (shift == 63 && (b & 0x7e) != 0 || shift > 63) {
                throw failAt(pos - 1, what + " does not fit in 63 bits");
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    /** Signed LEB128 up to 63 bits (type codes and {@code int} values). */
    private long sleb(String what) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = byteAt(what);
            if (shift > 56) {
                throw failAt(pos - 1, what + " does not fit in 63 bits");
            }
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if ((b & 0x40) != 0) {
            result -= 1L << shift;
        }
        return result;
    }

    private static String primitive(int code) {
        return switch (code) {
            case -1 -> "null";
            case -2 -> "bool";
            case -3 -> "nat";
            case -4 -> "int";
            case -5 -> "nat8";
            case -6 -> "nat16";
            case -7 -> "nat32";
            case -8 -> "nat64";
            case -9 -> "int8";
            case -10 -> "int16";
            case -11 -> "int32";
            case -12 -> "int64";
            case -13 -> "float32";
            case -14 -> "float64";
            case -15 -> "text";
            case -16 -> "reserved";
            case -17 -> "empty";
            case PRINCIPAL -> "principal";
            default -> null;
        };
    }

    private CandidFormatException fail(String why) {
        return failAt(pos, why);
    }

    private static CandidFormatException failAt(int offset, String why) {
        return new CandidFormatException("malformed Candid at byte " + offset + ": " + why);
    }
}
