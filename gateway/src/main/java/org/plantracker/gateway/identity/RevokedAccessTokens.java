package org.plantracker.gateway.identity;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deny-list of access tokens revoked before they expire (a logout, a refresh token family
 * revoked), by their {@code jti}: the gateway refuses them with 401. An entry is kept only until
 * the token's own expiry, so the list stays as small as the tokens revoked within one access-token
 * lifetime. In memory, like {@link RefreshTokens}: one gateway instance (see there).
 * The services behind the gateway do not consult it: a token used around the gateway stays valid
 * until it expires, which the short access-token lifetime bounds.
 */
@Component
public class RevokedAccessTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevokedAccessTokens() {
        this(Clock.systemUTC());
    }

    RevokedAccessTokens(Clock clock) {
        this.clock = clock;
    }

    public void revoke(String jti, Instant expiresAt) {
        if (jti == null || jti.isBlank() || expiresAt == null) {
            return;
        }
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
        if (expiresAt.isAfter(now)) {
            revoked.put(jti, expiresAt);
        }
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }
}
