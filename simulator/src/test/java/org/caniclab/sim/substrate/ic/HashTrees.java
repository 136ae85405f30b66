package org.caniclab.sim.substrate.ic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IC's certified hash trees and request ids, written for the fake replica from the interface spec, independently
 * of ic4j: trees as nested nodes with their digest ({@code ic-hashtree-*} domain separators), request ids as the
 * representation-independent hash of the content map.
 */
final class HashTrees {
    private HashTrees() {}

    /** A hash-tree node. */
    sealed interface Node {}

    record Empty() implements Node {}

    record Fork(Node left, Node right) implements Node {}

    record Labeled(byte[] label, Node child) implements Node {}

    record Leaf(byte[] value) implements Node {}

    static Node labeled(String label, Node child) {
        return new Labeled(label.getBytes(StandardCharsets.UTF_8), child);
    }

    static Node leaf(String text) {
        return new Leaf(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Labeled children in label order (unsigned bytes), folded into forks, as the IC lays them out. */
    static Node children(Map<byte[], Node> byLabel) {
        TreeMap<byte[], Node> sorted = new TreeMap<>(Arrays::compareUnsigned);
        sorted.putAll(byLabel);
        List<Node> nodes = new ArrayList<>();
        sorted.forEach((l, n) -> nodes.add(new Labeled(l, n)));
        return fold(nodes);
    }

    private static Node fold(List<Node> nodes) {
        if (nodes.isEmpty()) {
            return new Empty();
        }
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        int mid = nodes.size() / 2;
        return new Fork(fold(nodes.subList(0, mid)), fold(nodes.subList(mid, nodes.size())));
    }

    static byte[] digest(Node n) {
        if (n instanceof Empty) {
            return sha256(domain("ic-hashtree-empty"));
        }
        if (n instanceof Fork f) {
            return sha256(domain("ic-hashtree-fork"), digest(f.left()), digest(f.right()));
        }
        if (n instanceof Labeled l) {
            return sha256(domain("ic-hashtree-labeled"), l.label(), digest(l.child()));
        }
        return sha256(domain("ic-hashtree-leaf"), ((Leaf) n).value());
    }

    /** A length byte, then the separator's bytes. */
    static byte[] domain(String separator) {
        byte[] s = separator.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[s.length + 1];
        out[0] = (byte) s.length;
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] leb128(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    /** A value of a request's content map, for its request id. */
    sealed interface Value {}

    record Blob(byte[] bytes) implements Value {}

    record Text(String text) implements Value {}

    record Nat(long value) implements Value {}

    record Array(List<Value> items) implements Value {}

    /** The request id: SHA-256 over the sorted concatenation of {@code sha256(key) || hash(value)}. */
    static byte[] requestId(Map<String, Value> content) {
        List<byte[]> pairs = new ArrayList<>();
        for (Map.Entry<String, Value> e : content.entrySet()) {
            byte[] k = sha256(e.getKey().getBytes(StandardCharsets.UTF_8));
            byte[] v = hash(e.getValue());
            byte[] pair = Arrays.copyOf(k, 64);
            System.arraycopy(v, 0, pair, 32, 32);
            pairs.add(pair);
        }
        pairs.sort(Arrays::compareUnsigned);
        return sha256(pairs.toArray(new byte[0][]));
    }

    private static byte[] hash(Value v) {
        if (v instanceof Blob b) {
            return sha256(b.bytes());
        }
        if (v instanceof Text t) {
            return sha256(t.text().getBytes(StandardCharsets.UTF_8));
        }
        if (v instanceof Nat n) {
            return sha256(leb128(n.value()));
        }
        List<byte[]> hashes = new ArrayList<>();
        for (Value item : ((Array) v).items()) {
            hashes.add(hash(item));
        }
        return sha256(hashes.toArray(new byte[0][]));
    }
}
