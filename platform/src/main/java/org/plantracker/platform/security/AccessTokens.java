package org.plantracker.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.plantracker.platform.correlation.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * The access token the gateway issues and every service verifies by itself, so a service reached
 * around the gateway trusts nothing. RS256 is the default. Two ways to sign:
 * <ul>
 *   <li>RS256 ({@link #rs256}): only the gateway holds the private key and publishes the public
 *       keys as a JWK set (current and earlier ones, for a rotation without downtime); the services
 *       verify against that set ({@link #jwkSet}) and can mint nothing.</li>
 *   <li>HS256 with a secret shared through configuration ({@link #AccessTokens(String)}): every process
 *       holding the secret could mint any token; only when {@code plan-tracker.security.jwt-secret} is
 *       set explicitly (some gateway tests do).</li>
 * </ul>
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
    private final RSAKey signingKey;
    private final JWKSet publishedKeys;
    private final String jwkSetUri;
    private final VerifiedTokens verified = new VerifiedTokens(VALIDATOR, 10_000, Duration.ofMinutes(10));

    public AccessTokens(String secret) {
        this(key(secret), null, null, null);
    }

    private AccessTokens(SecretKey key, RSAKey signingKey, JWKSet publishedKeys, String jwkSetUri) {
        this.key = key;
        this.signingKey = signingKey;
        this.publishedKeys = publishedKeys;
        this.jwkSetUri = jwkSetUri;
    }

    /**
     * The gateway's tokens signed RS256 with {@code privateKey} (base64 PKCS#8, PEM armour allowed);
     * {@code earlierPublicKeys} (base64 X.509) are still published and accepted, for the tokens
     * signed before a rotation.
     */
    public static AccessTokens rs256(String privateKey, List<String> earlierPublicKeys) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64(privateKey)));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            RSAKey signing = new RSAKey.Builder(pub).privateKey(priv).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint().build();
            List<JWK> published = new ArrayList<>();
            published.add(signing.toPublicJWK());
            for (String earlier : earlierPublicKeys) {
                if (earlier != null && !earlier.isBlank()) {
                    RSAPublicKey old = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64(earlier)));
                    published.add(new RSAKey.Builder(old).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                            .keyIDFromThumbprint().build());
                }
            }
            return new AccessTokens(null, signing, new JWKSet(published), null);
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("plan-tracker.security.signing-key must be an RSA private key "
                    + "(base64 PKCS#8), and earlier-public-keys RSA public keys (base64 X.509)", e);
        }
    }

    /**
     * The gateway's tokens signed RS256 with the key kept in {@code keyFile} (base64 PKCS#8), made
     * there on first use: what the gateway does when no key is configured, so tokens are never signed
     * with a secret the services share, and a restart keeps the tokens already issued valid.
     */
    public static AccessTokens rs256FromFile(java.nio.file.Path keyFile, List<String> earlierPublicKeys) {
        try {
            if (!java.nio.file.Files.exists(keyFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072);
                String encoded = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
                if (keyFile.getParent() != null) {
                    java.nio.file.Files.createDirectories(keyFile.getParent());
                }
                java.nio.file.Path partial = keyFile.resolveSibling(keyFile.getFileName() + ".new");
                java.nio.file.Files.writeString(partial, encoded);
                try {
                    java.nio.file.Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the directory's own permissions guard it
                }
                java.nio.file.Files.move(partial, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return rs256(java.nio.file.Files.readString(keyFile), earlierPublicKeys);
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read or create the token signing key " + keyFile, e);
        }
    }

    /** The base64 X.509 public key of an RSA private key (base64 PKCS#8): what a rotation lists as an earlier key. */
    public static String publicKeyOf(String privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64(privateKey)));
            return Base64.getEncoder().encodeToString(
                    rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())).getEncoded());
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA private key (base64 PKCS#8)", e);
        }
    }

    /** A service's verifier: RS256 tokens checked against the gateway's JWK set at {@code uri}; it signs nothing. */
    public static AccessTokens jwkSet(String uri) {
        return new AccessTokens(null, null, null, uri);
    }

    /** Whether tokens are signed RS256 by this process's own key (the gateway with a signing key). */
    public boolean signsRs256() {
        return signingKey != null;
    }

    /** The public keys to publish at the gateway's /.well-known/jwks.json (RS256 only). */
    public Optional<Map<String, Object>> publicJwkSet() {
        return Optional.ofNullable(publishedKeys).map(set -> set.toJSONObject(true));
    }

    private static byte[] base64(String key) {
        return Base64.getMimeDecoder().decode(key.replaceAll("-----[A-Z ]+-----", "").trim());
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
            if (signingKey != null) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            }
            if (key == null) {
                throw new IllegalStateException("this process verifies tokens only; the gateway issues them");
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
    }

    /** Verifies tokens for a servlet service; a token seen before is not parsed and verified again. */
    public JwtDecoder servletDecoder() {
        NimbusJwtDecoder decoder;
        if (jwkSetUri != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (signingKey != null) {
            // the gateway checks its own tokens against the keys it publishes (the current and earlier ones)
            com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor =
                    new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(publishedKeys)));
            processor.setJWTClaimsSetVerifier((claims, context) -> {
                // the claims are checked by VALIDATOR below, as for every other decoder
            });
            decoder = new NimbusJwtDecoder(processor);
        } else {
            decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        }
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
        if (key == null) {
            throw new IllegalStateException("RS256 tokens: verify with servletDecoder() (the gateway wraps it)");
        }
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
