package io.llmpolicy.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for signing checkpoints, with the JDK's built-in provider: generate, save and load as PEM
 * (PKCS#8 private key, X.509 SubjectPublicKeyInfo public key). Keep the private key with the writer and the public
 * key somewhere an attacker who can edit the trace directory cannot reach. Stateless and thread-safe.
 */
public final class TraceKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private TraceKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** First 8 bytes of SHA-256 of the encoded public key, as hex: names the key in checkpoint lines. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    public static void writePrivateKey(PrivateKey key, Path file) throws IOException {
        Files.writeString(file, pem(PRIVATE, key.getEncoded()), StandardCharsets.US_ASCII);
    }

    public static void writePublicKey(PublicKey key, Path file) throws IOException {
        Files.writeString(file, pem(PUBLIC, key.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException if the file is not a PEM Ed25519 public key */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] der = unpem(Files.readString(file, StandardCharsets.US_ASCII), PUBLIC, file);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException if the files are not a matching PEM Ed25519 key pair */
    public static KeyPair readKeyPair(Path privateKeyFile, Path publicKeyFile) throws IOException {
        byte[] der = unpem(Files.readString(privateKeyFile, StandardCharsets.US_ASCII), PRIVATE, privateKeyFile);
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(privateKeyFile + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
        return new KeyPair(readPublicKey(publicKeyFile), privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text, String type, Path file) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException(file + " has no '" + begin + "' block");
        }
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }
}
