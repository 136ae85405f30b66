package org.caniclab.sim.substrate.ic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM identities: every accepted form, the principal they give, and refusals that name the file but not the key. */
class IcIdentityTest {
    @TempDir
    Path dir;

    @Test
    void ed25519V1AndV2OfOneSeedAreTheSameIdentity() throws Exception {
        IcIdentity v1 = IcIdentity.fromPem(TestKeys.ed25519V1(3).write(dir));
        IcIdentity v2 = IcIdentity.fromPem(TestKeys.ed25519V2(3).write(dir));
        assertEquals(IcIdentity.KeyType.ED25519, v1.keyType());
        assertEquals(v1.principal(), v2.principal(), "the v1 file (no public key) derives the key v2 carries");
        assertEquals(v1.principal(), IcIdentity.fromPem(TestKeys.ed25519V2Rfc(3).write(dir)).principal());
        assertNotEquals(v1.principal(), IcIdentity.fromPem(TestKeys.ed25519V2(4).write(dir)).principal());
    }

    @Test
    void aJdkWrittenV1KeyHasThePrincipalOfTheJdksPublicKey() throws Exception {
        // The JDK writes PKCS#8 v1; its own key pair gives the expected public key, independently of Bouncy Castle.
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
        java.security.KeyPair kp = g.generateKeyPair();
        byte[] der = kp.getPrivate().getEncoded();
        Path pem = dir.resolve("jdk.pem");
        Files.writeString(pem, TestKeys.pem("PRIVATE KEY", der));
        IcIdentity id = IcIdentity.fromPem(pem);
        PublicKey pub = kp.getPublic();
        assertEquals(Principal.of(FakeReplica.selfAuthenticating(pub.getEncoded())), id.principal());
        assertTrue(((EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(der))).getBytes().isPresent());
    }

    @Test
    void secp256k1WithAndWithoutTheParametersBlockIsTheSameIdentity() throws Exception {
        IcIdentity plain = IcIdentity.fromPem(TestKeys.secp256k1(5, false).write(dir));
        IcIdentity params = IcIdentity.fromPem(TestKeys.secp256k1(5, true).write(dir));
        assertEquals(IcIdentity.KeyType.SECP256K1, plain.keyType());
        assertEquals(plain.principal(), params.principal());
        assertEquals(Principal.of(FakeReplica.selfAuthenticating(plain.publicKeyDer())), plain.principal());
        assertEquals(88, plain.publicKeyDer().length, "DER SPKI with the uncompressed point");
    }

    @Test
    void anonymousIsTheAnonymousPrincipal() {
        assertEquals(Principal.anonymous(), IcIdentity.anonymous().principal());
        assertEquals("anonymous identity 2vxsx-fae", IcIdentity.anonymous().toString());
    }

    @Test
    void refusalsNameTheFileAndWhatIsAcceptedButNeverTheKey() throws Exception {
        TestKeys.Key wrongPublic = TestKeys.ed25519V2WrongPublic(6);
        TestKeys.Key p256 = TestKeys.prime256v1(7);
        Path encrypted = dir.resolve("enc.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkq\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n");
        Path truncated = dir.resolve("truncated.pem");
        String v2 = TestKeys.ed25519V2(8).pem();
        Files.writeString(truncated, v2.substring(0, v2.length() - 20));
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        List<Path> files = List.of(wrongPublic.write(dir), p256.write(dir), encrypted, garbage, truncated, empty,
                dir.resolve("missing.pem"), dir);
        List<String> expected = List.of("does not belong to its private key", "not secp256k1", "encrypted",
                "not valid base64", "never closed", "no PEM block", "no such file", "folder");
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            IdentityFileException e = assertThrows(IdentityFileException.class, () -> IcIdentity.fromPem(f));
            assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expected.get(i)), e.getMessage());
            assertEquals(null, e.getCause());
            for (TestKeys.Key k : List.of(wrongPublic, p256, TestKeys.ed25519V2(8))) {
                for (String secret : k.secretForms()) {
                    assertFalse(e.getMessage().contains(secret), "a secret form in: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void toStringShowsTheTypeAndPrincipalOnly() throws Exception {
        for (TestKeys.Key k : List.of(TestKeys.ed25519V1(9), TestKeys.ed25519V2(9), TestKeys.secp256k1(9, true))) {
            IcIdentity id = IcIdentity.fromPem(k.write(dir));
            String text = id + " " + id.agentIdentity();
            assertTrue(text.contains(id.principal().toText()), text);
            for (String secret : k.secretForms()) {
                assertFalse(text.contains(secret), text);
            }
        }
    }
}
