package org.plantracker.platform.audit;

import java.nio.charset.StandardCharsets;

/**
 * A signed statement that the chain of {@code service} reached link {@code seq} (the event at
 * {@code globalIndex}) with {@code chainHash} at {@code signedAt}. The signature (Ed25519, base64)
 * covers {@link #message()}; {@code keyId} names the public key that verifies it.
 */
public record Checkpoint(String service, long seq, long globalIndex, String chainHash, String signedAt,
                         String keyId, String signature) {

    public byte[] message() {
        return message(service, seq, globalIndex, chainHash, signedAt);
    }

    static byte[] message(String service, long seq, long globalIndex, String chainHash, String signedAt) {
        return ("plan-tracker-audit-checkpoint:v1\n" + service + "\n" + seq + "\n" + globalIndex + "\n"
                + chainHash + "\n" + signedAt).getBytes(StandardCharsets.UTF_8);
    }
}
