package org.caniclab.sim.substrate.ic;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Key files for the IC backend's tests, written byte by byte from the formats' definitions (PKCS#8 v1/v2 for
 * Ed25519, SEC1 for secp256k1), and every printable form of their secret, for the no-leak checks.
 *
 * <pre>{@code
 * TestKeys.Key k = TestKeys.ed25519V2(7);
 * Path pem = k.write(dir);
 * for (String secret : k.secretForms()) assertFalse(output.contains(secret));
 * }</pre>
 */
final class TestKeys {
    private static final HexFormat HEX = HexFormat.of();

    private TestKeys() {}

    /** A key: its PEM text, the raw secret and the DER the PEM carries. */
    record Key(String name, String pem, byte[] secret, byte[] der) {
        Path write(Path dir) throws java.io.IOException {
            Path p = dir.resolve(name + ".pem");
            Files.writeString(p, pem, StandardCharsets.US_ASCII);
            return p;
        }

        /**
         * The secret as it could leak: raw hex (both cases), base64 of the raw bytes and of the DER, and every
         * base64 line of the PEM body (each holds key bytes), as strings of at least 16 characters.
         */
        List<String> secretForms() {
            List<String> forms = new ArrayList<>();
            forms.add(HEX.formatHex(secret));
            forms.add(HEX.formatHex(secret).toUpperCase(java.util.Locale.ROOT));
            forms.add(Base64.getEncoder().encodeToString(secret));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret).substring(0, 40));
            forms.add(Base64.getEncoder().encodeToString(der));
            forms.add(HEX.formatHex(der));
            for (String line : pem.split("\n")) {
                if (!line.startsWith("-----") && line.length() >= 16) {
                    forms.add(line);
                }
            }
            forms.add(Arrays.toString(secret)); // what printing a byte[] with Arrays.toString would show
            return forms;
        }
    }

    /** Ed25519 as PKCS#8 v1 (no public key), the way the JDK and openssl genpkey write it; seed from the JDK. */
    static Key ed25519V1FromJdk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, SecureRandom.getInstance("SHA1PRNG"));
        KeyPair kp = g.generateKeyPair();
        byte[] der = kp.getPrivate().getEncoded();
        byte[] seed = Arrays.copyOfRange(der, der.length - 32, der.length);
        return new Key("ed25519-v1", pem("PRIVATE KEY", der), seed, der);
    }

    /** The JDK's public key of a v1 key made by {@link #ed25519V1FromJdk}: not available, so tests derive it. */
    static Key ed25519V1(int seedByte) {
        byte[] seed = filled(seedByte);
        byte[] der = concat(HEX.parseHex("302e020100300506032b657004220420"), seed);
        return new Key("ed25519-v1-" + seedByte, pem("PRIVATE KEY", der), seed, der);
    }

    /** Ed25519 as PKCS#8 v2 (OneAsymmetricKey with the public key), as dfx writes it. */
    static Key ed25519V2(int seedByte) {
        byte[] seed = filled(seedByte);
        byte[] pub = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
        byte[] der = concat(HEX.parseHex("3053020101300506032b657004220420"), seed, HEX.parseHex("a123032100"), pub);
        return new Key("ed25519-v2-" + seedByte, pem("PRIVATE KEY", der), seed, der);
    }

    /** Ed25519 as PKCS#8 v2 with the public key as RFC 5958 spells it: [1] IMPLICIT BIT STRING. */
    static Key ed25519V2Rfc(int seedByte) {
        byte[] seed = filled(seedByte);
        byte[] pub = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
        byte[] der = concat(HEX.parseHex("3051020101300506032b657004220420"), seed, HEX.parseHex("812100"), pub);
        return new Key("ed25519-v2rfc-" + seedByte, pem("PRIVATE KEY", der), seed, der);
    }

    /** The same v2 layout with a public key that belongs to another seed. */
    static Key ed25519V2WrongPublic(int seedByte) {
        byte[] seed = filled(seedByte);
        byte[] pub = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(filled(seedByte + 1), 0, pub, 0);
        byte[] der = concat(HEX.parseHex("3053020101300506032b657004220420"), seed, HEX.parseHex("a123032100"), pub);
        return new Key("ed25519-v2-wrong-" + seedByte, pem("PRIVATE KEY", der), seed, der);
    }

    /** secp256k1 as SEC1 {@code EC PRIVATE KEY}, with the curve and public key, optionally after EC PARAMETERS. */
    static Key secp256k1(int seedByte, boolean withParameters) {
        byte[] d = filled(seedByte);
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256k1");
        ECPoint q = x9.getG().multiply(new BigInteger(1, d)).normalize();
        byte[] der = concat(HEX.parseHex("30740201010420"), d, HEX.parseHex("a00706052b8104000aa144034200"),
                q.getEncoded(false));
        String text = (withParameters ? "-----BEGIN EC PARAMETERS-----\nBgUrgQQACg==\n-----END EC PARAMETERS-----\n" : "")
                + pem("EC PRIVATE KEY", der);
        return new Key("secp256k1-" + seedByte + (withParameters ? "-params" : ""), text, d, der);
    }

    /** A SEC1 key on prime256v1 (P-256), which the backend does not sign with. */
    static Key prime256v1(int seedByte) {
        byte[] d = filled(seedByte);
        byte[] der = concat(HEX.parseHex("30310201010420"), d, HEX.parseHex("a00a06082a8648ce3d030107"));
        return new Key("p256-" + seedByte, pem("EC PRIVATE KEY", der), d, der);
    }

    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (b * 31 + i * 7 + 1);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
