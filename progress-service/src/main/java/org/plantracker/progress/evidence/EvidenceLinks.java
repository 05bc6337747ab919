package org.plantracker.progress.evidence;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Short-lived download links: the attachment, the person and unit (with their roles) the link was issued to,
 * and when it expires, signed with HMAC-SHA256. The link is the permission (a browser's {@code <a href>} or
 * {@code <img src>} sends no token), so it is short-lived, and what is downloaded through it is recorded as
 * the person's who asked for it.
 */
@Component
public class EvidenceLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final EvidenceProperties properties;
    private final Clock clock;

    public EvidenceLinks(EvidenceProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (properties.linkSecret() == null || properties.linkSecret().isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = properties.linkSecret().getBytes(StandardCharsets.UTF_8);
        }
    }

    public record Signed(String token, Instant expiresAt) {
    }

    public record Claims(String attachmentId, Actor actor, Instant expiresAt) {
    }

    public Signed sign(String attachmentId, Actor actor) {
        Instant expires = clock.instant().plus(properties.linkLifetime());
        String payload = String.join("\n", attachmentId, actor.username(), actor.unitCode() == null ? "" : actor.unitCode(),
                String.join(",", actor.roles()), Long.toString(expires.getEpochSecond()));
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return new Signed(B64.encodeToString(body) + "." + B64.encodeToString(mac(body)), expires);
    }

    /** The link's claims; 403 for a link not signed here (forged, altered, cut), 410 for one that has expired. */
    public Claims verify(String token) {
        int dot = token.indexOf('.');
        byte[] body;
        byte[] signature;
        try {
            body = B64D.decode(token.substring(0, Math.max(dot, 0)));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException notBase64) {
            throw forged();
        }
        if (dot < 0 || !MessageDigest.isEqual(mac(body), signature)) {
            throw forged();
        }
        List<String> fields = Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n", -1));
        if (fields.size() != 5) {
            throw forged();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(fields.get(4)));
        if (!clock.instant().isBefore(expires)) {
            throw new DomainException(HttpStatus.GONE, "This download link expired at " + expires
                    + "; ask for a new one (links last " + properties.linkLifetime().toMinutes() + " minutes).");
        }
        Set<String> roles = fields.get(3).isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(fields.get(3).split(",")));
        return new Claims(fields.get(0), new Actor(fields.get(1), fields.get(2).isEmpty() ? null : fields.get(2), roles),
                expires);
    }

    private static DomainException forged() {
        return DomainException.forbidden("This download link was not issued by plan-tracker (or was altered).");
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
