package org.plantracker.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;

/**
 * Tokens whose signature was already verified, by their exact text. A unit's client sends the same
 * token with every request for hours; parsing its JSON and checking its HMAC again each time was
 * about a tenth of a service's CPU per request (JFR, in the benchmark). Only the signature check is
 * skipped on a hit: the same text is the same signed token. The claims are validated again on every
 * use, so an entry never outlives its token's expiry, and entries are dropped after a while and when
 * the cache is full, so memory stays bounded however many tokens pass.
 */
public final class VerifiedTokens {

    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> byText;

    VerifiedTokens(OAuth2TokenValidator<Jwt> validator, long maximumSize, Duration keepFor) {
        this.validator = validator;
        this.byText = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepFor).build();
    }

    /** The verified token, or null when it was not seen or is no longer valid (it is then decoded, and refused, afresh). */
    public Jwt recall(String token) {
        Jwt jwt = byText.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (validator.validate(jwt).hasErrors()) {
            byText.invalidate(token);
            return null;
        }
        return jwt;
    }

    public void remember(String token, Jwt jwt) {
        byText.put(token, jwt);
    }
}
