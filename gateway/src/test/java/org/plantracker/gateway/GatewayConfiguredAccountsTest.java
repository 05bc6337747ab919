package org.plantracker.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.CORRELATION;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/**
 * The gateway outside the dev profile, with every service down: no demo accounts, an account
 * from configuration logs in, and a service that cannot be reached answers 503 naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayConfiguredAccountsTest {

    static final String PASSWORD = "Zhang-Wei-2022!";
    /** Low bcrypt cost keeps the test fast; the gateway accepts any bcrypt hash. */
    static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.accounts[0].username", () -> "zhang.wei");
        registry.add("plan-tracker.accounts[0].password-hash", () -> PASSWORD_HASH);
        registry.add("plan-tracker.accounts[0].unit", () -> "jixi-committee");
        registry.add("plan-tracker.accounts[0].unit-name", () -> "市关工委");
        registry.add("plan-tracker.accounts[0].roles", () -> "SUPERVISOR,AUDITOR");
    }

    @Autowired
    WebTestClient http;

    @Test
    void demoPasswordsDoNotWorkOutsideTheDevProfile() {
        assertProblem(login("jixi-committee", "demo12345"), 401)
                .jsonPath("$.detail").isEqualTo("Wrong username or password.");
    }

    @Test
    void aConfiguredAccountLogsInAndSeesItselfInMe() {
        String token = login("zhang.wei", PASSWORD).expectStatus().isOk()
                .expectBody(GatewayDevProfileTest.IdentityToken.class).returnResult().getResponseBody().accessToken();

        Jwt jwt = GatewayTestSupport.decode(token);
        assertThat(jwt.getSubject()).isEqualTo("zhang.wei");
        assertThat(jwt.getClaimAsString(AccessTokens.CLAIM_UNIT)).isEqualTo("jixi-committee");
        assertThat(jwt.getClaimAsString(AccessTokens.CLAIM_UNIT_NAME)).isEqualTo("市关工委");
        assertThat(jwt.getClaimAsStringList(AccessTokens.CLAIM_ROLES)).containsExactlyInAnyOrder("SUPERVISOR", "AUDITOR");

        http.get().uri("/api/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("zhang.wei")
                .jsonPath("$.unit.code").isEqualTo("jixi-committee")
                .jsonPath("$.unit.name").isEqualTo("市关工委");
    }

    @Test
    void aConfiguredAccountWithTheWrongPasswordIs401LikeAnUnknownUser() {
        assertProblem(login("zhang.wei", "wrong-password"), 401)
                .jsonPath("$.detail").isEqualTo("Wrong username or password.");
        assertProblem(login("li.na", PASSWORD), 401)
                .jsonPath("$.detail").isEqualTo("Wrong username or password.");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/api/tasks/p1-07,                  task-service",
            "/api/views/municipal?planId=p1,    progress-service",
            "/api/notifications,                notification-service",
            "/v3/api-docs/task-service,         task-service"})
    void aServiceThatCannotBeReachedIs503NamingItWithRetryAfter(String path, String service) {
        WebTestClient.ResponseSpec response = http.get().uri(path)
                .header("Authorization", bearer("jixi-committee", "SUPERVISOR"))
                .header(CORRELATION, "down-1")
                .exchange();
        response.expectHeader().valueEquals("Retry-After", "2");
        assertProblem(response, 503)
                .jsonPath("$.detail").isEqualTo(service + " is unavailable");
    }

    @Test
    void a503CarriesTheClientsCorrelationId() {
        http.get().uri("/api/units").header("Authorization", bearer("jixi-committee", "SUPERVISOR"))
                .header(CORRELATION, "down-2").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(CORRELATION, "down-2");
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }
}
