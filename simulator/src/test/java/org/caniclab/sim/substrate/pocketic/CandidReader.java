package org.caniclab.sim.substrate.pocketic;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.CandidFormatException;

/**
 * Reads a whole Candid message (magic, type table, argument types, values) into plain Java values, strictly:
 * every structural rule of the binary format is checked, trailing bytes are an error, and bounded budgets
 * (types, arguments, nesting depth, decoded elements) keep hostile input from exhausting memory or stack.
 *
 * <p>Values: {@code null}/{@code reserved} → {@link Null#NULL}; {@code bool} → {@link Boolean}; every
 * integer type → {@link BigInteger}; floats → {@link Double}; {@code text} → {@link String};
 * {@code principal} → {@link Principal}; {@code opt} → {@link Optional}; {@code vec nat8} → {@code byte[]};
 * other {@code vec} → {@link List}; {@code record} → {@link Rec}; {@code variant} → {@link Variant}.
 * {@code func} and {@code service} are not supported (the management calls used here never carry them).
 */
final class CandidReader {
    static final int MAX_TYPES = 1_000;
    static final int MAX_FIELDS = 1_000;
    static final int MAX_ARGS = 100;
    static final int MAX_DEPTH = 64;
    static final long MAX_ELEMENTS = 1L << 20;

    // Primitive type codes (negative, as written in SLEB128).
    static final int T_NULL = -1;
    static final int T_BOOL = -2;
    static final int T_NAT = -3;
    static final int T_INT = -4;
    static final int T_NAT8 = -5;
    static final int T_NAT16 = -6;
    static final int T_NAT32 = -7;
    static final int T_NAT64 = -8;
    static final int T_INT8 = -9;
    static final int T_INT16 = -10;
    static final int T_INT32 = -11;
    static final int T_INT64 = -12;
    static final int T_FLOAT32 = -13;
    static final int T_FLOAT64 = -14;
    static final int T_TEXT = -15;
    static final int T_RESERVED = -16;
    static final int T_EMPTY = -17;
    static final int T_OPT = -18;
    static final int T_VEC = -19;
    static final int T_RECORD = -20;
    static final int T_VARIANT = -21;
    static final int T_FUNC = -22;
    static final int T_SERVICE = -23;
    static final int T_PRINCIPAL = -24;

    /** The value of {@code null} and {@code reserved}. */
    enum Null {
        NULL
    }

    /** A record value: field values and field type references, both keyed by field hash (unsigned 32-bit). */
    record Rec(SortedMap<Long, Object> values, SortedMap<Long, Integer> types) {}

    /** A variant value: the chosen case's hash and index, its value and its type reference. */
    record Variant(long hash, int index, Object value, int type) {}

    /** One type table entry: its constructor, the inner type of opt/vec, the fields of record/variant. */
    private record Entry(int op, int inner, long[] hashes, int[] refs) {}

    /** A decoded message: argument type references and values, plus the type table to interpret them. */
    static final class Message {
        private final List<Entry> table;
        private final List<Integer> argTypes;
        private final List<Object> args;

        private Message(List<Entry> table, List<Integer> argTypes, List<Object> args) {
            this.table = table;
            this.argTypes = argTypes;
            this.args = args;
        }

        List<Object> args() {
            return args;
        }

        List<Integer> argTypes() {
            return argTypes;
        }

        /** The constructor of a type reference: a primitive code, or T_OPT/T_VEC/T_RECORD/T_VARIANT. */
        int kind(int ref) {
            return ref < 0 ? ref : table.get(ref).op;
        }

        /** The element type of an opt or vec reference. */
        int inner(int ref) {
            return table.get(ref).inner;
        }

        /** Canonical text of a type, e.g. {@code opt vec principal}, field names as hashes. */
        String describe(int ref) {
            return describe(ref, 0);
        }

        private String describe(int ref, int depth) {
            if (ref < 0) {
                return primitiveName(ref);
            }
            if (depth > 6) {
                return "type" + ref;
            }
            Entry e = table.get(ref);
            switch (e.op) {
                case T_OPT:
                    return "opt " + describe(e.inner, depth + 1);
                case T_VEC:
                    return "vec " + describe(e.inner, depth + 1);
                default:
                    StringBuilder b = new StringBuilder(e.op == T_RECORD ? "record {" : "variant {");
                    for (int i = 0; i < e.hashes.length; i++) {
                        b.append(i == 0 ? "" : "; ").append(e.hashes[i]).append(':')
                                .append(describe(e.refs[i], depth + 1));
                    }
                    return b.append('}').toString();
            }
        }
    }

    private final byte[] in;
    private int pos;
    private long elements;
    private List<Entry> table;

    private CandidReader(byte[] in) {
        this.in = in;
    }

    /** Decodes a complete message; throws {@link CandidFormatException} naming the problem and offset. */
    static Message decode(byte[] bytes) {
        return new CandidReader(bytes).message();
    }

    private Message message() {
        if (in.length < 4 || in[0] != 'D' || in[1] != 'I' || in[2] != 'D' || in[3] != 'L') {
            throw fail("does not start with the magic bytes 'DIDL'");
        }
        pos = 4;
        long typeCount = uleb("type table length");
        if (typeCount > MAX_TYPES) {
            throw fail("declares " + typeCount + " types; at most " + MAX_TYPES + " are accepted");
        }
        List<Entry> entries = new ArrayList<>((int) typeCount);
        for (int i = 0; i < typeCount; i++) {
            entries.add(entry(i));
        }
        table = entries;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.op == T_OPT || e.op == T_VEC) {
                checkRef(e.inner, "type " + i);
            } else {
                for (int ref : e.refs) {
                    checkRef(ref, "type " + i);
                }
            }
        }
        long argCount = uleb("argument count");
        if (argCount > MAX_ARGS) {
            throw fail("declares " + argCount + " arguments; at most " + MAX_ARGS + " are accepted");
        }
        List<Integer> argTypes = new ArrayList<>();
        for (int i = 0; i < argCount; i++) {
            int ref = typeRef("argument " + i);
            checkRef(ref, "argument " + i);
            argTypes.add(ref);
        }
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) {
            args.add(value(argTypes.get(i), 0));
        }
        if (pos != in.length) {
            throw fail((in.length - pos) + " trailing bytes after the last argument");
        }
        return new Message(entries, Collections.unmodifiableList(argTypes), Collections.unmodifiableList(args));
    }

    private Entry entry(int index) {
        int at = pos;
        long op = sleb("constructor of type " + index);
        switch ((int) op) {
            case T_OPT:
            case T_VEC:
                return new Entry((int) op, typeRef("element of type " + index), null, null);
            case T_RECORD:
            case T_VARIANT: {
                long n = uleb("field count of type " + index);
                if (n > MAX_FIELDS) {
                    throw fail("type " + index + " has " + n + " fields; at most " + MAX_FIELDS + " are accepted");
                }
                long[] hashes = new long[(int) n];
                int[] refs = new int[(int) n];
                long previous = -1;
                for (int i = 0; i < n; i++) {
                    long hash = uleb("field id of type " + index);
                    if (hash > 0xFFFF_FFFFL) {
                        throw fail("field id " + hash + " of type " + index + " exceeds 32 bits");
                    }
                    if (hash <= previous) {
                        throw fail("field ids of type " + index + " are not sorted or repeat (" + previous + " then "
                                + hash + ")");
                    }
                    previous = hash;
                    hashes[i] = hash;
                    refs[i] = typeRef("field " + hash + " of type " + index);
                }
                return new Entry((int) op, 0, hashes, refs);
            }
            case T_FUNC:
            case T_SERVICE:
                throw failAt(at, "type " + index + " is a " + (op == T_FUNC ? "func" : "service")
                        + " type, which this reader does not support");
            default:
                throw failAt(at, "type " + index + " has constructor " + op
                        + "; accepted are opt (-18), vec (-19), record (-20), variant (-21)");
        }
    }

    private void checkRef(int ref, String where) {
        if (ref >= 0) {
            if (ref >= table.size()) {
                throw fail(where + " refers to type " + ref + " but the table has " + table.size() + " entries");
            }
        } else if (primitiveName(ref) == null) {
            throw fail(where + " refers to type code " + ref + ", which is not a primitive type");
        }
    }

    private Object value(int ref, int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("values nest deeper than " + MAX_DEPTH + " levels");
        }
        if (++elements > MAX_ELEMENTS) {
            throw fail("more than " + MAX_ELEMENTS + " values");
        }
        if (ref >= 0) {
            Entry e = table.get(ref);
            switch (e.op) {
                case T_OPT: {
                    int tag = byteAt("opt tag");
                    if (tag == 0) {
                        return Optional.empty();
                    }
                    if (tag != 1) {
                        throw failAt(pos - 1, "opt tag is " + tag + "; accepted are 0 and 1");
                    }
                    return Optional.of(value(e.inner, depth + 1));
                }
                case T_VEC: {
                    long n = uleb("vec length");
                    if (e.inner == T_NAT8) {
                        return bytes(n, "blob");
                    }
                    if (n > MAX_ELEMENTS - elements) {
                        throw fail("vec of " + n + " elements exceeds the decoding budget");
                    }
                    List<Object> list = new ArrayList<>((int) Math.min(n, 1024));
                    for (long i = 0; i < n; i++) {
                        list.add(value(e.inner, depth + 1));
                    }
                    return Collections.unmodifiableList(list);
                }
                case T_RECORD: {
                    TreeMap<Long, Object> values = new TreeMap<>();
                    TreeMap<Long, Integer> types = new TreeMap<>();
                    for (int i = 0; i < e.hashes.length; i++) {
                        values.put(e.hashes[i], value(e.refs[i], depth + 1));
                        types.put(e.hashes[i], e.refs[i]);
                    }
                    return new Rec(Collections.unmodifiableSortedMap(values), Collections.unmodifiableSortedMap(types));
                }
                default: { // variant
                    int at = pos;
                    long index = uleb("variant index");
                    if (index >= e.hashes.length) {
                        throw failAt(at, "variant index " + index + " is out of range (" + e.hashes.length + " cases)");
                    }
                    int i = (int) index;
                    return new Variant(e.hashes[i], i, value(e.refs[i], depth + 1), e.refs[i]);
                }
            }
        }
        switch (ref) {
            case T_NULL:
            case T_RESERVED:
                return Null.NULL;
            case T_EMPTY:
                throw fail("a value of type empty cannot exist");
            case T_BOOL: {
                int b = byteAt("bool");
                if (b > 1) {
                    throw failAt(pos - 1, "bool byte is " + b + "; accepted are 0 and 1");
                }
                return b == 1;
            }
            case T_NAT:
                return ulebBig("nat");
            case T_INT:
                return slebBig("int");
            case T_NAT8:
                return fixed(1, false);
            case T_NAT16:
                return fixed(2, false);
            case T_NAT32:
                return fixed(4, false);
            case T_NAT64:
                return fixed(8, false);
            case T_INT8:
                return fixed(1, true);
            case T_INT16:
                return fixed(2, true);
            case T_INT32:
                return fixed(4, true);
            case T_INT64:
                return fixed(8, true);
            case T_FLOAT32:
                return (double) Float.intBitsToFloat(fixed(4, false).intValue());
            case T_FLOAT64:
                return Double.longBitsToDouble(fixed(8, false).longValue());
            case T_TEXT: {
                byte[] b = bytes(uleb("text length"), "text");
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b)).toString();
                } catch (CharacterCodingException ex) {
                    throw fail("text is not valid UTF-8");
                }
            }
            case T_PRINCIPAL: {
                int at = pos;
                int tag = byteAt("principal tag");
                if (tag != 1) {
                    throw failAt(at, "principal tag is " + tag + "; only 1 (an id) is accepted");
                }
                long n = uleb("principal length");
                if (n > Principal.MAX_LENGTH) {
                    throw failAt(at, "principal has " + n + " bytes; at most " + Principal.MAX_LENGTH + " are accepted");
                }
                return Principal.of(bytes(n, "principal"));
            }
            default:
                throw fail("unsupported type code " + ref);
        }
    }

    private BigInteger fixed(int width, boolean signed) {
        need(width, width * 8 + "-bit integer");
        byte[] be = new byte[width];
        for (int i = 0; i < width; i++) {
            be[width - 1 - i] = in[pos + i];
        }
        pos += width;
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }

    private byte[] bytes(long n, String what) {
        if (n > in.length - pos) {
            throw fail(what + " of " + n + " bytes runs past the end of the input");
        }
        byte[] b = Arrays.copyOfRange(in, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    private int byteAt(String what) {
        need(1, what);
        return in[pos++] & 0xff;
    }

    private void need(int n, String what) {
        if (in.length - pos < n) {
            throw fail("input ends inside " + what);
        }
    }

    private int typeRef(String what) {
        int at = pos;
        long ref = sleb(what);
        if (ref > Integer.MAX_VALUE || ref < Integer.MIN_VALUE) {
            throw failAt(at, what + " has type reference " + ref + ", out of range");
        }
        return (int) ref;
    }

    /** ULEB128 that must fit 63 bits (lengths, counts, field ids). */
    private long uleb(String what) {
        int at = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = byteAt(what);
            if (shift == 63 && (b & 0x7f) > 0 || shift > 63) {
                throw failAt(at, what + " does not fit 63 bits");
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private long sleb(String what) {
        int at = pos;
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = byteAt(what);
            if (shift > 56) {
                throw failAt(at, what + " does not fit 64 bits");
            }
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    private BigInteger ulebBig(String what) {
        return lebBig(what, false);
    }

    private BigInteger slebBig(String what) {
        return lebBig(what, true);
    }

    // LEB128 of any length; a signed value extends the sign bit of its last byte.
    private BigInteger lebBig(String what, boolean signed) {
        BigInteger result = BigInteger.ZERO;
        int shift = 0;
        int b;
        do {
            b = byteAt(what);
            result = result.or(BigInteger.valueOf(b & 0x7f).shiftLeft(shift));
            shift += 7;
        } while ((b & 0x80) != 0);
        if (signed && (b & 0x40) != 0) {
            result = result.subtract(BigInteger.ONE.shiftLeft(shift));
        }
        return result;
    }

    static String primitiveName(int code) {
        switch (code) {
            case T_NULL: return "null";
            case T_BOOL: return "bool";
            case T_NAT: return "nat";
            case T_INT: return "int";
            case T_NAT8: return "nat8";
            case T_NAT16: return "nat16";
            case T_NAT32: return "nat32";
            case T_NAT64: return "nat64";
            case T_INT8: return "int8";
            case T_INT16: return "int16";
            case T_INT32: return "int32";
            case T_INT64: return "int64";
            case T_FLOAT32: return "float32";
            case T_FLOAT64: return "float64";
            case T_TEXT: return "text";
            case T_RESERVED: return "reserved";
            case T_EMPTY: return "empty";
            case T_PRINCIPAL: return "principal";
            default: return null;
        }
    }

    private CandidFormatException fail(String why) {
        return failAt(pos, why);
    }

    private static CandidFormatException failAt(int offset, String why) {
        return new CandidFormatException("malformed Candid at byte " + offset + ": " + why);
    }
}
