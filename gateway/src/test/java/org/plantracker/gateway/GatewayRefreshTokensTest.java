package org.plantracker.gateway;

import org.junit.jupiter.api.Test;
import org.plantracker.platform.security.AccessTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plantracker.gateway.GatewayTestSupport.assertProblem;

/**
 * Short-lived access tokens with rotating refresh tokens, and a logout that revokes: a refresh
 * token works once, a rotated one presented again revokes the whole login, and after a logout
 * neither the refresh token nor the access token the logout came with gets through the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRefreshTokensTest {

    static final String PASSWORD = "Wang-Fang-2022!";
    static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.security.token-lifetime", () -> "PT5M");
        registry.add("plan-tracker.security.refresh-token-lifetime", () -> "PT1H");
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.accounts[0].username", () -> "wang.fang");
        registry.add("plan-tracker.accounts[0].password-hash", () -> PASSWORD_HASH);
        registry.add("plan-tracker.accounts[0].unit", () -> "jixi-mishan");
        registry.add("plan-tracker.accounts[0].unit-name", () -> "密山市关工委");
        registry.add("plan-tracker.accounts[0].roles", () -> "COUNTY_COMMITTEE");
    }

    @Autowired
    WebTestClient http;

    @Test
    void loginRefreshRotateLogoutAndTheTokensAreRefusedAfterwards() {
        Tokens login = login();
        assertThat(login.expiresIn()).isEqualTo(300);
        assertThat(login.refreshExpiresIn()).isEqualTo(3600);
        Jwt first = GatewayTestSupport.decode(login.accessToken());
        assertThat(first.getId()).isNotBlank();
        assertThat(Duration.between(first.getIssuedAt(), first.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
        me(login.accessToken()).expectStatus().isOk();

        Tokens refreshed = refresh(login.refreshToken()).expectStatus().isOk()
                .expectBody(Tokens.class).returnResult().getResponseBody();
        assertThat(refreshed.refreshToken()).isNotEqualTo(login.refreshToken());
        Jwt second = GatewayTestSupport.decode(refreshed.accessToken());
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getSubject()).isEqualTo("wang.fang");
        assertThat(second.getClaimAsString(AccessTokens.CLAIM_UNIT)).isEqualTo("jixi-mishan");
        assertThat(second.getClaimAsString(AccessTokens.CLAIM_UNIT_NAME)).isEqualTo("密山市关工委");
        assertThat(second.getClaimAsStringList(AccessTokens.CLAIM_ROLES)).containsExactly("COUNTY_COMMITTEE");
        me(refreshed.accessToken()).expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo("wang.fang");

        // one more rotation, then a logout with the newest pair
        Tokens afterRefresh = refresh(refreshed.refreshToken()).expectStatus().isOk()
                .expectBody(Tokens.class).returnResult().getResponseBody();
        logout(afterRefresh.refreshToken(), afterRefresh.accessToken()).expectStatus().isNoContent();

        assertProblem(refresh(afterRefresh.refreshToken()), 401)
                .jsonPath("$.detail").isEqualTo("The refresh token is invalid, expired or revoked: log in again with POST /api/auth/login.");
        me(afterRefresh.accessToken()).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        // the logout revoked the whole login: the access tokens issued to it earlier are refused too
        me(refreshed.accessToken()).expectStatus().isUnauthorized();
        me(login.accessToken()).expectStatus().isUnauthorized();

        // another login is a fresh start
        me(login().accessToken()).expectStatus().isOk();
    }

    @Test
    void aRotatedRefreshTokenIsRefusedAndItsReuseRevokesTheWholeLogin() {
        Tokens login = login();
        Tokens refreshed = refresh(login.refreshToken()).expectStatus().isOk()
                .expectBody(Tokens.class).returnResult().getResponseBody();

        assertProblem(refresh(login.refreshToken()), 401);

        // the reuse revoked the family: the newer refresh token and its access token are refused as well
        assertProblem(refresh(refreshed.refreshToken()), 401);
        me(refreshed.accessToken()).expectStatus().isUnauthorized();
        // another login of the same account is not affected
        Tokens other = login();
        me(other.accessToken()).expectStatus().isOk();
        refresh(other.refreshToken()).expectStatus().isOk();
    }

    @Test
    void aLogoutWithoutARefreshTokenStillDeniesTheAccessTokenItCarries() {
        Tokens login = login();
        logout(null, login.accessToken()).expectStatus().isNoContent();
        me(login.accessToken()).expectStatus().isUnauthorized();
        // the refresh token was not sent, so it still works (a client logs out with both)
        refresh(login.refreshToken()).expectStatus().isOk();
    }

    @Test
    void unknownOrMissingRefreshTokensAreRefused() {
        assertProblem(refresh("not-a-token-the-gateway-issued"), 401);
        assertProblem(http.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange(), 400)
                .jsonPath("$.errors[0].field").isEqualTo("refreshToken");
    }

    private Tokens login() {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "wang.fang", "password", PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(Tokens.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec refresh(String refreshToken) {
        return http.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange();
    }

    private WebTestClient.ResponseSpec logout(String refreshToken, String accessToken) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/auth/logout");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return refreshToken == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refreshToken", refreshToken)).exchange();
    }

    private WebTestClient.ResponseSpec me(String accessToken) {
        return http.get().uri("/api/me").header("Authorization", "Bearer " + accessToken).exchange();
    }

    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
    }
}
