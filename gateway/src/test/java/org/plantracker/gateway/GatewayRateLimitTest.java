package org.plantracker.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;
import static org.plantracker.gateway.GatewayTestSupport.bearer;

/**
 * Requests per account and per client (here: the source address) are limited at the gateway: over
 * either, 429 with Retry-After and a problem document naming which limit, and another account is
 * limited separately until the client's own limit is reached. The limits are tiny here and refill
 * slowly (one request in 100 s), so the counts are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRateLimitTest {

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.rate-limit.per-account.requests-per-second", () -> "0.01");
        registry.add("plan-tracker.rate-limit.per-account.burst", () -> "3");
        registry.add("plan-tracker.rate-limit.per-client.requests-per-second", () -> "0.01");
        registry.add("plan-tracker.rate-limit.per-client.burst", () -> "5");
    }

    @Autowired
    WebTestClient http;

    @Test
    void anAccountAndThenTheClientOverTheirLimitsAreToldToWait() {
        String mishan = bearer("jixi-mishan", "COUNTY_COMMITTEE");
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/me").header("Authorization", mishan).exchange().expectStatus().isOk();
        }
        WebTestClient.ResponseSpec account = http.get().uri("/api/me").header("Authorization", mishan).exchange();
        account.expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 101L));
        assertProblem(account, 429).jsonPath("$.detail").value(d -> assertThat((String) d).contains("this account"));

        // another account from the same address: its own account limit is untouched, the address has one request left
        String hulin = bearer("jixi-hulin", "COUNTY_COMMITTEE");
        http.get().uri("/api/me").header("Authorization", hulin).exchange().expectStatus().isOk();
        WebTestClient.ResponseSpec client = http.get().uri("/api/me").header("Authorization", hulin).exchange();
        client.expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 101L));
        assertProblem(client, 429).jsonPath("$.detail").value(d -> assertThat((String) d).contains("this client"));
        // an anonymous call that needs no token (a login) from that address is limited too, before it is looked at
        assertProblem(http.post().uri("/api/auth/login").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), 429);
    }
}
