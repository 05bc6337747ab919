package org.plantracker.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.plantracker.platform.correlation.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * The access token the gateway issues and every service verifies by itself (HS256 with a secret
 * shared through configuration), so a service reached around the gateway trusts nothing.
 */
public final class AccessTokens {

    public static final String ISSUER = "plan-tracker-gateway";
    public static final String CLAIM_UNIT = "unit";
    public static final String CLAIM_UNIT_NAME = "unit_name";
    public static final String CLAIM_ROLES = "roles";
    /** The client app a token was issued to (a machine account), when it names one. */
    public static final String CLAIM_CLIENT = "client";
    /** Shortest secret accepted: HS256 needs at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Issuer, subject, and the token's time window (with the usual minute of clock skew). */
    private static final OAuth2TokenValidator<Jwt> VALIDATOR = new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(ISSUER),
            new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));

    private final SecretKey key;
    private final VerifiedTokens verified = new VerifiedTokens(VALIDATOR, 10_000, Duration.ofMinutes(10));

    public AccessTokens(String secret) {
        this.key = key(secret);
    }

    public static SecretKey key(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("plan-tracker.security.jwt-secret must be set to at least "
                    + MIN_SECRET_BYTES + " bytes (it is shared by the gateway and the services; never commit it)");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(Actor actor, String unitName, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(actor.username())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim(CLAIM_UNIT, actor.unitCode())
                .claim(CLAIM_UNIT_NAME, unitName)
                .claim(CLAIM_ROLES, List.copyOf(actor.roles()))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
    }

    /** Verifies tokens for a servlet service; a token seen before is not parsed and verified again. */
    public JwtDecoder servletDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(VALIDATOR);
        return token -> {
            Jwt known = verified.recall(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            verified.remember(token, jwt);
            return jwt;
        };
    }

    /**
     * The gateway's reactive verifier, without the memory of verified tokens: reactor is on the
     * gateway's classpath only, so the gateway wraps it with {@link #verifiedTokens()} itself.
     */
    public NimbusReactiveJwtDecoder reactiveDecoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(VALIDATOR);
        return decoder;
    }

    /** The tokens this instance has verified, so a token seen before is not verified again. */
    public VerifiedTokens verifiedTokens() {
        return verified;
    }

    /** The actor a verified token stands for. */
    public static Actor actorOf(Jwt jwt) {
        return new Actor(jwt.getSubject(), jwt.getClaimAsString(CLAIM_UNIT), new HashSet<>(roles(jwt)));
    }

    /**
     * The token's roles. Read as the list the claim is: {@code getClaimAsStringList} goes through
     * Spring's conversion service, which cost about 2 % of a report's CPU (JFR) on every request.
     */
    public static List<String> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(CLAIM_ROLES);
        if (claim instanceof Collection<?> several) {
            List<String> roles = new ArrayList<>(several.size());
            several.forEach(role -> roles.add(String.valueOf(role)));
            return roles;
        }
        return claim instanceof String one ? List.of(one) : List.of();
    }

    /** {@code ROLE_<role>} for each of the token's roles: what Spring Security's role checks look for. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = roles(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>(roles.size());
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return authorities;
    }

    /** The client claim of the verified token of the request on this thread, if it has one. */
    public static java.util.Optional<String> currentClient() {
        org.springframework.security.core.Authentication authentication =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            String client = jwt.getClaimAsString(CLAIM_CLIENT);
            return client == null || client.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(client);
        }
        return java.util.Optional.empty();
    }
}
