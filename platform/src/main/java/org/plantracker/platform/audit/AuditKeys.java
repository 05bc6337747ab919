package org.plantracker.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 keys of the audit trail: the private key a service signs its checkpoints with (absent
 * in the command-line verifier) and the public keys trusted to verify them (the current key and,
 * after a rotation, the earlier ones). A key is named by its id, the first 16 hex digits of the
 * SHA-256 of its X.509 encoding. Keys are exchanged as base64 (PKCS#8 private, X.509 public).
 */
public final class AuditKeys {

    private final PrivateKey signingKey;
    private final String signingKeyId;
    private final Map<String, PublicKey> trusted;

    private AuditKeys(PrivateKey signingKey, String signingKeyId, Map<String, PublicKey> trusted) {
        this.signingKey = signingKey;
        this.signingKeyId = signingKeyId;
        this.trusted = Map.copyOf(trusted);
    }

    /** A signer: its own public key and the earlier ones are trusted. */
    public static AuditKeys signing(String privateKeyBase64, String publicKeyBase64, Collection<String> earlierPublicKeys) {
        PublicKey publicKey = publicKey(publicKeyBase64);
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        trusted.put(keyId(publicKey), publicKey);
        earlierPublicKeys.stream().filter(k -> k != null && !k.isBlank()).map(AuditKeys::publicKey)
                .forEach(k -> trusted.putIfAbsent(keyId(k), k));
        AuditKeys keys = new AuditKeys(privateKey(privateKeyBase64), keyId(publicKey), trusted);
        keys.checkPair();
        return keys;
    }

    /** A verifier only. */
    public static AuditKeys verifying(Collection<String> publicKeys) {
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        publicKeys.stream().filter(k -> k != null && !k.isBlank()).map(AuditKeys::publicKey)
                .forEach(k -> trusted.putIfAbsent(keyId(k), k));
        return new AuditKeys(null, null, trusted);
    }

    /**
     * The key pair kept in {@code file} (two lines: private, public), generated and written there
     * (readable by the owner only) when the file does not exist yet: for development, where no key
     * is configured.
     */
    public static AuditKeys fromFile(Path file, Collection<String> earlierPublicKeys) {
        try {
            if (!Files.exists(file)) {
                KeyPair pair = generate();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path written = Files.createTempFile(file.toAbsolutePath().getParent(), "audit", ".key");
                Files.writeString(written, encode(pair.getPrivate().getEncoded()) + "\n"
                        + encode(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(written); // another process wrote it first: use theirs
                }
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            return signing(lines.get(0).trim(), lines.get(1).trim(), earlierPublicKeys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the audit key file " + file, e);
        }
    }

    /** The public key of a key file, for the verifier. */
    public static String publicKeyOfFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).get(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit key file " + file, e);
        }
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has Ed25519", e);
        }
    }

    public static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    public static String keyId(PublicKey key) {
        return ChainHashes.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    public Optional<String> signingKeyId() {
        return Optional.ofNullable(signingKeyId);
    }

    public String publicKeyBase64() {
        return encode(trusted.get(signingKeyId).getEncoded());
    }

    public String sign(byte[] message) {
        if (signingKey == null) {
            throw new IllegalStateException("no audit signing key here");
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(signingKey);
            ed.update(message);
            return encode(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    public boolean isTrusted(String keyId) {
        return trusted.containsKey(keyId);
    }

    /** Whether a trusted key named {@code keyId} made {@code signatureBase64} over {@code message}. */
    public boolean verify(String keyId, byte[] message, String signatureBase64) {
        PublicKey key = trusted.get(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(message);
            return ed.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private void checkPair() {
        byte[] probe = "plan-tracker audit key check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(signingKeyId, probe, sign(probe))) {
            throw new IllegalArgumentException("the audit public key does not belong to the audit private key");
        }
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
        }
    }
}
