package org.plantracker.gateway;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway tests share: the test secret, token helpers and problem-detail checks. */
final class GatewayTestSupport {

    static final String JWT_SECRET = "gateway-test-secret-0123456789-abcdefghijklmnop";
    static final AccessTokens TOKENS = new AccessTokens(JWT_SECRET);
    static final String CORRELATION = "X-Correlation-Id";

    private GatewayTestSupport() {
    }

    static String bearer(String unitCode, String... roles) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of(roles)), unitCode, Duration.ofMinutes(10));
    }

    static String expired(String unitCode) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of("UNIT")), unitCode, Duration.ofMinutes(-5));
    }

    static String signedWithAnotherSecret(String unitCode) {
        AccessTokens other = new AccessTokens("another-secret-that-nobody-shares-0123456789");
        return "Bearer " + other.issue(new Actor(unitCode, unitCode, Set.of("SUPERVISOR")), unitCode, Duration.ofMinutes(10));
    }

    static Jwt decode(String token) {
        return TOKENS.servletDecoder().decode(token);
    }

    /** Asserts an RFC 7807 answer with the members the API contract promises, and returns it for more checks. */
    static WebTestClient.BodyContentSpec assertProblem(WebTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(CORRELATION, id -> assertThat(id).isNotBlank());
        return response.expectBody()
                .jsonPath("$.type").isNotEmpty()
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.errors").isArray();
    }
}
