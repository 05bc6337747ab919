package org.plantracker.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private final AccessTokens tokens = new AccessTokens(SECRET);
    private final Actor actor = new Actor("jixi-mishan", "jixi-mishan", Set.of("UNIT"));

    @Test
    void aTokenSeenBeforeIsRecalledInsteadOfVerifiedAgain() {
        JwtDecoder decoder = tokens.servletDecoder();
        String token = tokens.issue(actor, "密山市关工委", Duration.ofHours(8));
        Jwt first = decoder.decode(token);
        assertThat(first.getSubject()).isEqualTo("jixi-mishan");
        assertThat(first.getClaimAsString(AccessTokens.CLAIM_UNIT_NAME)).isEqualTo("密山市关工委");
        assertThat(decoder.decode(token)).isSameAs(first);
        assertThat(tokens.verifiedTokens().recall(token)).as("what the gateway's decoder asks first").isSameAs(first);
    }

    @Test
    void aTamperedOrForeignTokenIsRefusedEvenAfterTheGenuineOneWasSeen() {
        JwtDecoder decoder = tokens.servletDecoder();
        String token = tokens.issue(actor, "密山市关工委", Duration.ofHours(8));
        decoder.decode(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
        String foreign = new AccessTokens("another-secret-of-at-least-thirty-two-bytes").issue(actor, "x", Duration.ofHours(1));
        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofHours(9));
        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER).subject("jixi-mishan").issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofHours(8)))).build());
        expired.sign(new MACSigner(AccessTokens.key(SECRET)));
        assertThatThrownBy(() -> tokens.servletDecoder().decode(expired.serialize()))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
    }

    @Test
    void aRememberedTokenIsValidatedOnEveryUseAndForgottenOnceInvalid() {
        AtomicBoolean expired = new AtomicBoolean();
        VerifiedTokens verified = new VerifiedTokens(jwt -> expired.get()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null))
                : OAuth2TokenValidatorResult.success(), 10, Duration.ofMinutes(10));
        Jwt jwt = tokens.servletDecoder().decode(tokens.issue(actor, "密山市关工委", Duration.ofHours(1)));
        verified.remember("t", jwt);
        assertThat(verified.recall("t")).isSameAs(jwt);
        expired.set(true);
        assertThat(verified.recall("t")).isNull();
        expired.set(false);
        assertThat(verified.recall("t")).as("an invalid entry is dropped, not kept for later").isNull();
    }

    @Test
    void rolesBecomeRoleAuthoritiesAndTheActorCarriesThem() {
        Actor supervisor = new Actor("jixi-committee", "jixi-committee", Set.of("SUPERVISOR", "UNIT"));
        Jwt jwt = tokens.servletDecoder().decode(tokens.issue(supervisor, "市关工委", Duration.ofHours(1)));

        assertThat(AccessTokens.authorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_SUPERVISOR", "ROLE_UNIT");
        assertThat(AccessTokens.actorOf(jwt)).isEqualTo(supervisor);
        Jwt oneRole = Jwt.withTokenValue("t").header("alg", "HS256").subject("x").claim(AccessTokens.CLAIM_ROLES, "UNIT").build();
        assertThat(AccessTokens.roles(oneRole)).containsExactly("UNIT");
        Jwt noRoles = Jwt.withTokenValue("t").header("alg", "HS256").subject("x").build();
        assertThat(AccessTokens.authorities(noRoles)).isEmpty();
    }
}
