package org.plantracker.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.correlation.Actor;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RS256: only the gateway's private key signs; a service verifies against the published JWK set and
 * cannot mint a token; the shared HS256 secret no longer opens it; during a key rotation tokens of
 * the earlier key still verify.
 */
class Rs256AccessTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Actor supervisor = new Actor("jixi-committee", "jixi-committee", Set.of(Roles.SUPERVISOR));
    private HttpServer jwks;

    @AfterEach
    void stop() {
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void aServiceVerifiesTheGatewaysTokensWithThePublicKeysAlone() throws Exception {
        AccessTokens gateway = AccessTokens.rs256(privateKey(rsa()), List.of());
        Map<String, Object> published = gateway.publicJwkSet().orElseThrow();
        assertThat(JSON.writeValueAsString(published)).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"").doesNotContain("\"p\"");

        AccessTokens service = AccessTokens.jwkSet(serve(published));
        JwtDecoder decoder = service.servletDecoder();
        String token = gateway.issue(supervisor, "市关工委", Duration.ofMinutes(5));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("jixi-committee");
        assertThat(gateway.servletDecoder().decode(token).getSubject()).isEqualTo("jixi-committee");

        assertThatThrownBy(() -> service.issue(supervisor, "市关工委", Duration.ofMinutes(5)))
                .as("a service holds no key that signs").isInstanceOf(IllegalStateException.class);
        String hs256 = new AccessTokens("a-shared-secret-of-at-least-thirty-two-bytes").issue(supervisor, "x", Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode(hs256)).isInstanceOf(JwtException.class);
        String otherKey = AccessTokens.rs256(privateKey(rsa()), List.of()).issue(supervisor, "x", Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode(otherKey)).isInstanceOf(JwtException.class);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void duringARotationTokensOfTheEarlierKeyStillVerify() throws Exception {
        KeyPair old = rsa();
        String oldToken = AccessTokens.rs256(privateKey(old), List.of()).issue(supervisor, "x", Duration.ofMinutes(5));
        AccessTokens rotated = AccessTokens.rs256(privateKey(rsa()),
                List.of(Base64.getEncoder().encodeToString(old.getPublic().getEncoded())));
        assertThat((List<?>) rotated.publicJwkSet().orElseThrow().get("keys")).hasSize(2);

        JwtDecoder service = AccessTokens.jwkSet(serve(rotated.publicJwkSet().orElseThrow())).servletDecoder();
        assertThat(service.decode(oldToken).getSubject()).isEqualTo("jixi-committee");
        assertThat(service.decode(rotated.issue(supervisor, "x", Duration.ofMinutes(5))).getSubject()).isEqualTo("jixi-committee");
        assertThat(rotated.servletDecoder().decode(oldToken).getSubject()).as("the gateway too").isEqualTo("jixi-committee");
    }

    @Test
    void withoutAConfiguredKeyTheGatewayMakesOneInItsKeyFileAndKeepsItAcrossARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("keys").resolve("token-signing.key");
        AccessTokens first = AccessTokens.rs256FromFile(file, List.of());
        assertThat(first.signsRs256()).isTrue();
        assertThat(file).exists();
        String token = first.issue(supervisor, "x", Duration.ofMinutes(5));

        AccessTokens restarted = AccessTokens.rs256FromFile(file, List.of());
        assertThat(restarted.servletDecoder().decode(token).getSubject()).isEqualTo("jixi-committee");
        assertThat(restarted.publicJwkSet()).isEqualTo(first.publicJwkSet());
    }

    private String serve(Map<String, Object> keys) throws Exception {
        byte[] body = JSON.writeValueAsBytes(keys);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String privateKey(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

}
