package org.plantracker.gateway;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with an RSA signing key: tokens are RS256 with a key id, the public keys are published
 * at /.well-known/jwks.json (without a private part, without a token), and a token made with a shared
 * HS256 secret is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRs256Test {

    static final String PASSWORD = "Zhang-Wei-2022!";

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String privateKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        registry.add("plan-tracker.security.signing-key", () -> privateKey);
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.accounts[0].username", () -> "zhang.wei");
        registry.add("plan-tracker.accounts[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("plan-tracker.accounts[0].unit", () -> "jixi-committee");
        registry.add("plan-tracker.accounts[0].unit-name", () -> "市关工委");
        registry.add("plan-tracker.accounts[0].roles", () -> "SUPERVISOR");
    }

    @Autowired
    WebTestClient http;

    @Test
    void tokensAreRs256AndTheirPublicKeysArePublished() throws Exception {
        Map<?, ?> login = http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "zhang.wei", "password", PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) login.get("accessToken");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();

        String keys = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(keys).contains("\"kid\":\"" + jwt.getHeader().getKeyID() + "\"").contains("\"kty\":\"RSA\"")
                .doesNotContain("\"d\":").doesNotContain("\"p\":");

        http.get().uri("/api/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo("zhang.wei");
        http.get().uri("/api/me").header("Authorization", GatewayTestSupport.bearer("jixi-committee", "SUPERVISOR")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theApiDocumentDeclaresTheBearerSchemeAndExemptsOnlyThePublicOperations() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.bearer.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes.bearer.bearerFormat").isEqualTo("JWT")
                .jsonPath("$.security[0].bearer").exists()
                .jsonPath("$.paths['/api/me'].get.security").doesNotExist()
                .jsonPath("$.paths['/api/auth/login'].post.security").isEmpty()
                .jsonPath("$.paths['/api/auth/refresh'].post.security").isEmpty()
                .jsonPath("$.paths['/api/auth/logout'].post.security").isEmpty()
                .jsonPath("$.paths['/.well-known/jwks.json'].get.security").isEmpty();
    }
}
