package org.caniclab.sim.substrate.ic;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.caniclab.core.ic.Principal;
import org.ic4j.agent.identity.AnonymousIdentity;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Signature;

/**
 * Who the IC backend's messages are sent as: a key read from a PEM file, or the anonymous principal when asked for.
 * Accepted files: Ed25519 as PKCS#8 {@code PRIVATE KEY}, with the public key (v2, as dfx writes it) or without it
 * (v1, as {@code openssl genpkey -algorithm ed25519} writes it); secp256k1 as SEC1 {@code EC PRIVATE KEY} (the default
 * of dfx and icp-cli identities, with or without a leading {@code EC PARAMETERS} block) or as PKCS#8.
 *
 * <p>The private key never leaves this object: it is not in {@link #toString()}, in any exception message (errors
 * say which structure is wrong, not what it held), or in anything the backend writes. The principal may be shown.
 *
 * <pre>{@code
 * IcIdentity id = IcIdentity.fromPem(Path.of(System.getenv("IC_IDENTITY_PEM")));
 * System.out.println(id);   // Ed25519 identity 3v2ry-...-qae
 * }</pre>
 */
public final class IcIdentity {
    /** The kind of key. */
    public enum KeyType {
        ED25519("Ed25519"), SECP256K1("secp256k1"), ANONYMOUS("anonymous");

        private final String label;

        KeyType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What the error messages list as accepted. */
    public static final String ACCEPTED = "an unencrypted PEM with an Ed25519 key (PKCS#8 'PRIVATE KEY', v1 or v2) "
            + "or a secp256k1 key ('EC PRIVATE KEY' as dfx/icp-cli write it, or PKCS#8)";

    static final String OID_ED25519 = "1.3.101.112";
    static final String OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String OID_SECP256K1 = "1.3.132.0.10";
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] SECP256K1_SPKI_PREFIX =
            HexFormat.of().parseHex("3056301006072a8648ce3d020106052b8104000a034200");
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final KeyType type;
    private final Principal principal;
    private final Identity agentIdentity;

    private IcIdentity(KeyType type, Identity agentIdentity) {
        this.type = type;
        this.agentIdentity = agentIdentity;
        this.principal = Principal.of(agentIdentity.sender().getValue());
    }

    /** The anonymous principal {@code 2vxsx-fae}; only when the user asked for it. */
    public static IcIdentity anonymous() {
        return new IcIdentity(KeyType.ANONYMOUS, new AnonymousIdentity());
    }

    /** Reads a key from a PEM file; throws {@link IdentityFileException} naming the file and what is accepted. */
    public static IcIdentity fromPem(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new IdentityFileException(file + ": is a folder, not a PEM file; accepted: " + ACCEPTED);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IdentityFileException(file + ": is larger than " + MAX_FILE_BYTES + " bytes, so not a key"
                        + " file; accepted: " + ACCEPTED);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IdentityFileException(file + ": no such file; pass the PEM of an identity, e.g. "
                    + "~/.config/dfx/identity/<name>/identity.pem");
        } catch (IOException e) {
            throw new IdentityFileException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
        try {
            return fromPem(file.toString(), new String(bytes, StandardCharsets.US_ASCII));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Reads a key from PEM text; {@code source} names it in messages. */
    static IcIdentity fromPem(String source, String text) {
        List<Block> blocks = blocks(source, text);
        if (blocks.isEmpty()) {
            throw new IdentityFileException(source + ": holds no PEM block; accepted: " + ACCEPTED);
        }
        String curveParams = null;
        for (Block b : blocks) {
            switch (b.label) {
                case "EC PARAMETERS" -> curveParams = ecParameters(source, b);
                case "PRIVATE KEY" -> {
                    return pkcs8(source, b.der);
                }
                case "EC PRIVATE KEY" -> {
                    if (curveParams != null && !curveParams.equals(OID_SECP256K1)) {
                        throw unsupportedCurve(source, curveParams);
                    }
                    return sec1(source, b.der, curveParams);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IdentityFileException(source + ": the key is encrypted; "
                        + "export it unencrypted (e.g. dfx identity export <name>); accepted: " + ACCEPTED);
                default -> {
                    // a certificate or public key next to the key is not an error; a file of only those is
                }
            }
        }
        throw new IdentityFileException(source + ": holds no private key (blocks: "
                + String.join(", ", blocks.stream().map(b -> b.label).toList()) + "); accepted: " + ACCEPTED);
    }

    public KeyType keyType() {
        return type;
    }

    /** The principal messages are sent as (self-authenticating, from the public key). */
    public Principal principal() {
        return principal;
    }

    /** The identity as ic4j's agent uses it (package-private: the agent is an implementation detail). */
    Identity agentIdentity() {
        return agentIdentity;
    }

    /** The DER public key (not secret). */
    byte[] publicKeyDer() {
        byte[] k = agentIdentity.getPublicKey();
        return k == null ? new byte[0] : k.clone();
    }

    @Override
    public String toString() {
        return type.label + " identity " + principal;
    }

    // ---- PEM ------------------------------------------------------------------------------------------------------

    private record Block(String label, byte[] der) {
        @Override
        public String toString() {
            return "Block[" + label + "]"; // never the content
        }
    }

    private static List<Block> blocks(String source, String text) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        String label = null;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5).strip();
                    body.setLength(0);
                }
            } else if (line.startsWith("-----END ")) {
                String end = line.endsWith("-----") ? line.substring(9, line.length() - 5).strip() : "";
                if (!end.equals(label)) {
                    throw new IdentityFileException(source + ": line " + (i + 1) + ": '-----END " + end
                            + "-----' does not close '-----BEGIN " + label + "-----'; accepted: " + ACCEPTED);
                }
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(body.toString());
                } catch (IllegalArgumentException e) {
                    throw new IdentityFileException(source + ": the " + label + " block ending on line " + (i + 1)
                            + " is not valid base64; accepted: " + ACCEPTED);
                } finally {
                    body.setLength(0);
                }
                out.add(new Block(label, der));
                label = null;
            } else if (!line.contains(":")) { // skip RFC 1421 headers (Proc-Type, DEK-Info) of legacy files
                body.append(line);
            } else if (line.startsWith("Proc-Type") && line.contains("ENCRYPTED")) {
                throw new IdentityFileException(source + ": the key is encrypted; export it unencrypted (e.g. dfx "
                        + "identity export <name>); accepted: " + ACCEPTED);
            }
        }
        if (label != null) {
            throw new IdentityFileException(source + ": '-----BEGIN " + label + "-----' is never closed; accepted: "
                    + ACCEPTED);
        }
        return out;
    }

    private static String ecParameters(String source, Block b) {
        try {
            Der.Element e = Der.parseOne(b.der);
            if (e.tag() != Der.OID) {
                throw new IllegalArgumentException("not a named curve");
            }
            return Der.oid(e.content());
        } catch (IllegalArgumentException e) {
            throw new IdentityFileException(source + ": the EC PARAMETERS block is not a named curve; accepted: "
                    + ACCEPTED);
        }
    }

    /** PKCS#8 {@code PrivateKeyInfo} / {@code OneAsymmetricKey}: Ed25519 (v1 or v2) or an EC key on secp256k1. */
    private static IcIdentity pkcs8(String source, byte[] der) {
        byte[] seed = null;
        try {
            Der.Element top = Der.parseOne(der);
            List<Der.Element> f = top.tag() == Der.SEQUENCE ? top.children() : List.of();
            if (f.size() < 3 || f.get(1).tag() != Der.SEQUENCE || f.get(2).tag() != Der.OCTET_STRING) {
                throw bad(source, "PRIVATE KEY", "is not a PKCS#8 private key");
            }
            int version = f.get(0).smallInt();
            if (version != 0 && version != 1) {
                throw bad(source, "PRIVATE KEY", "has PKCS#8 version " + version + " (0 or 1 are accepted)");
            }
            List<Der.Element> alg = f.get(1).children();
            if (alg.isEmpty() || alg.get(0).tag() != Der.OID) {
                throw bad(source, "PRIVATE KEY", "has no algorithm");
            }
            String oid = Der.oid(alg.get(0).content());
            if (oid.equals(OID_EC_PUBLIC_KEY)) {
                String curve = alg.size() > 1 && alg.get(1).tag() == Der.OID ? Der.oid(alg.get(1).content()) : "";
                if (!curve.equals(OID_SECP256K1)) {
                    throw unsupportedCurve(source, curve.isEmpty() ? "explicit parameters" : curve);
                }
                return sec1(source, f.get(2).content(), OID_SECP256K1);
            }
            if (!oid.equals(OID_ED25519)) {
                throw new IdentityFileException(source + ": holds a key of algorithm " + oid + ", which the IC "
                        + "backend does not sign with; accepted: " + ACCEPTED);
            }
            Der.Element inner = Der.parseOne(f.get(2).content());
            if (inner.tag() != Der.OCTET_STRING || inner.content().length != Ed25519.SECRET_KEY_SIZE) {
                throw bad(source, "PRIVATE KEY", "does not hold a 32-byte Ed25519 key");
            }
            seed = inner.content();
            byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
            Ed25519.generatePublicKey(seed, 0, publicKey, 0);
            for (int i = 3; i < f.size(); i++) {
                Der.Element e = f.get(i);
                if (e.isContext(1)) {
                    // v2's publicKey: [1] IMPLICIT BIT STRING per RFC 5958 (tag 0x81), or, as ring and so dfx write
                    // it, a constructed [1] around a BIT STRING (tag 0xa1)
                    byte[] c = (e.tag() & 0x20) != 0 ? bitString(e.content()) : e.content();
                    if (c.length != 1 + Ed25519.PUBLIC_KEY_SIZE || c[0] != 0
                            || !Arrays.equals(c, 1, c.length, publicKey, 0, publicKey.length)) {
                        throw bad(source, "PRIVATE KEY", "holds a public key that does not belong to its private key");
                    }
                }
            }
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            return new IcIdentity(KeyType.ED25519, new Ed25519Key(key, concat(ED25519_SPKI_PREFIX, publicKey)));
        } catch (IllegalArgumentException e) {
            throw bad(source, "PRIVATE KEY", "is not well-formed DER (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IdentityFileException(source + ": this Java runtime cannot sign with Ed25519 ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /** SEC1 {@code ECPrivateKey}: version 1, the 32-byte scalar, optional [0] curve and [1] public key. */
    private static IcIdentity sec1(String source, byte[] der, String curveFromParams) {
        byte[] scalar = null;
        try {
            Der.Element top = Der.parseOne(der);
            List<Der.Element> f = top.tag() == Der.SEQUENCE ? top.children() : List.of();
            if (f.size() < 2 || f.get(0).smallInt() != 1 || f.get(1).tag() != Der.OCTET_STRING) {
                throw bad(source, "EC PRIVATE KEY", "is not a SEC1 EC private key");
            }
            scalar = f.get(1).content();
            String curve = curveFromParams;
            byte[] filePublic = null;
            for (int i = 2; i < f.size(); i++) {
                Der.Element e = f.get(i);
                if (e.isContext(0)) {
                    Der.Element o = Der.parseOne(e.content());
                    curve = o.tag() == Der.OID ? Der.oid(o.content()) : "explicit parameters";
                } else if (e.isContext(1)) {
                    Der.Element bits = Der.parseOne(e.content());
                    filePublic = bits.tag() == Der.BIT_STRING && bits.content().length > 1
                            ? Arrays.copyOfRange(bits.content(), 1, bits.content().length) : new byte[0];
                }
            }
            if (curve == null) {
                throw bad(source, "EC PRIVATE KEY", "does not name its curve");
            }
            if (!curve.equals(OID_SECP256K1)) {
                throw unsupportedCurve(source, curve);
            }
            X9ECParameters x9 = CustomNamedCurves.getByName("secp256k1");
            ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
            BigInteger d = new BigInteger(1, scalar);
            if (scalar.length > 32 || d.signum() <= 0 || d.compareTo(domain.getN()) >= 0) {
                throw bad(source, "EC PRIVATE KEY", "holds a scalar outside the secp256k1 group");
            }
            ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
            byte[] uncompressed = q.getEncoded(false);
            if (filePublic != null && filePublic.length > 0) {
                ECPoint given;
                try {
                    given = domain.getCurve().decodePoint(filePublic).normalize();
                } catch (IllegalArgumentException e) {
                    throw bad(source, "EC PRIVATE KEY", "holds a public key that is not a secp256k1 point");
                }
                if (!given.equals(q)) {
                    throw bad(source, "EC PRIVATE KEY", "holds a public key that does not belong to its private key");
                }
            }
            return new IcIdentity(KeyType.SECP256K1,
                    new Secp256k1Key(new ECPrivateKeyParameters(d, domain), concat(SECP256K1_SPKI_PREFIX, uncompressed)));
        } catch (IllegalArgumentException e) {
            throw bad(source, "EC PRIVATE KEY", "is not well-formed DER (" + e.getMessage() + ")");
        } finally {
            if (scalar != null) {
                Arrays.fill(scalar, (byte) 0);
            }
        }
    }

    private static byte[] bitString(byte[] der) {
        Der.Element b = Der.parseOne(der);
        if (b.tag() != Der.BIT_STRING) {
            throw new IllegalArgumentException("the public key is not a BIT STRING");
        }
        return b.content();
    }

    private static IdentityFileException bad(String source, String label, String what) {
        return new IdentityFileException(source + ": the " + label + " block " + what + "; accepted: " + ACCEPTED);
    }

    private static IdentityFileException unsupportedCurve(String source, String curve) {
        return new IdentityFileException(source + ": holds an EC key on curve " + curve + ", not secp256k1 ("
                + OID_SECP256K1 + "); accepted: " + ACCEPTED);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- the agent's view -----------------------------------------------------------------------------------------

    /**
     * What both key kinds share: the DER public key the sender is derived from, and signing that is the same for a
     * request and arbitrary content; a subclass signs the raw bytes and names its kind.
     */
    private abstract static class DerKey extends Identity {
        final byte[] publicDer;
        private final String kind;

        DerKey(byte[] publicDer, String kind) {
            this.publicDer = publicDer;
            this.kind = kind;
        }

        /** The raw signature of {@code content}, in the form the IC verifies for this key kind. */
        abstract byte[] signature(byte[] content);

        @Override
        public final org.ic4j.types.Principal sender() {
            return org.ic4j.types.Principal.selfAuthenticating(publicDer);
        }

        @Override
        public final Signature sign(byte[] content) {
            return signArbitrary(content);
        }

        @Override
        public final Signature signArbitrary(byte[] content) {
            return new Signature(publicDer.clone(), signature(content), null);
        }

        @Override
        public final byte[] getPublicKey() {
            return publicDer.clone();
        }

        @Override
        public final String toString() {
            return kind + " key " + sender();
        }
    }

    /** Ed25519 signing on the JDK's provider; the public key was derived with Bouncy Castle from the seed. */
    private static final class Ed25519Key extends DerKey {
        private final PrivateKey key;

        Ed25519Key(PrivateKey key, byte[] publicDer) {
            super(publicDer, "Ed25519");
            this.key = key;
        }

        @Override
        byte[] signature(byte[] content) {
            try {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(content);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** secp256k1 ECDSA over SHA-256 with RFC 6979 nonces, low-s, {@code r || s} (what the IC verifies). */
    private static final class Secp256k1Key extends DerKey {
        private final ECPrivateKeyParameters key;

        Secp256k1Key(ECPrivateKeyParameters key, byte[] publicDer) {
            super(publicDer, "secp256k1");
            this.key = key;
        }

        @Override
        byte[] signature(byte[] content) {
            byte[] digest;
            try {
                digest = MessageDigest.getInstance("SHA-256").digest(content);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime");
            }
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(digest);
            BigInteger n = key.getParameters().getN();
            BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
            byte[] sig = new byte[64];
            fixed(rs[0], sig, 0);
            fixed(s, sig, 32);
            return sig;
        }

        private static void fixed(BigInteger v, byte[] out, int off) {
            byte[] b = v.toByteArray();
            int n = Math.min(b.length, 32);
            System.arraycopy(b, b.length - n, out, off + 32 - n, n);
        }
    }
}
