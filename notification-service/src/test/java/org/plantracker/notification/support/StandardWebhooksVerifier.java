package org.plantracker.notification.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Verification as the documented algorithm says, written out here on purpose (not the library the
 * service signs with): the secret is {@code whsec_} + base64 key; the signed content is
 * {@code webhook-id + "." + webhook-timestamp + "." + body}; a signature is {@code v1,} + base64
 * HMAC-SHA256; the header may carry several, separated by spaces.
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {
    }

    public static boolean verifies(String secret, WebhookReceiver.Received r) {
        String expected = "v1," + sign(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body());
        for (String signature : r.header("webhook-signature").split(" ")) {
            if (MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    static String sign(String secret, String id, String timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
