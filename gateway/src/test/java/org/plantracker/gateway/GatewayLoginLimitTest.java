package org.plantracker.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.plantracker.gateway.GatewayTestSupport.assertProblem;

/**
 * Failed logins lock the account (and, past more failures, the address) with a growing wait: a
 * locked login is 429 with Retry-After, even with the right password, until the wait is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayLoginLimitTest {

    static final String PASSWORD = "Zhang-Wei-2022!";
    static final MovableClock CLOCK = new MovableClock();

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("plan-tracker.security.jwt-secret", () -> GatewayTestSupport.JWT_SECRET);
        registry.add("plan-tracker.services.task-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.progress-url", StandInService::unreachableUrl);
        registry.add("plan-tracker.services.notification-url", StandInService::unreachableUrl);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        for (int i = 0; i < 3; i++) {
            String name = new String[]{"zhang.wei", "li.na", "wang.fang"}[i];
            registry.add("plan-tracker.accounts[" + i + "].username", () -> name);
            registry.add("plan-tracker.accounts[" + i + "].password-hash", () -> hash);
            registry.add("plan-tracker.accounts[" + i + "].unit", () -> "jixi-committee");
            registry.add("plan-tracker.accounts[" + i + "].roles", () -> "SUPERVISOR");
        }
        registry.add("plan-tracker.security.login.max-failures", () -> "3");
        registry.add("plan-tracker.security.login.max-failures-per-address", () -> "6");
        registry.add("plan-tracker.security.login.lock", () -> "PT30S");
    }

    @Autowired
    WebTestClient http;

    @Test
    void failedLoginsLockTheAccountThenTheAddressWithAGrowingWait() {
        for (int i = 0; i < 3; i++) {
            assertProblem(login("zhang.wei", "wrong-" + i), 401);
        }
        // locked: refused before the password is even checked, the right one too
        login("zhang.wei", PASSWORD).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "30");
        login("li.na", PASSWORD).expectStatus().isOk(); // another account from the same address

        CLOCK.advance(Duration.ofSeconds(31));
        assertProblem(login("zhang.wei", "wrong-again"), 401);
        // the fourth failure doubles the wait
        login("zhang.wei", PASSWORD).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "60");
        CLOCK.advance(Duration.ofSeconds(61));
        login("zhang.wei", PASSWORD).expectStatus().isOk();

        // past six failures from this address, every account from it waits
        assertProblem(login("wang.fang", "wrong-1"), 401);
        assertProblem(login("li.na", "wrong-1"), 401);
        login("wang.fang", PASSWORD).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        assertProblem(login("li.na", PASSWORD), 429).jsonPath("$.detail").value(d ->
                org.assertj.core.api.Assertions.assertThat((String) d).contains("Too many failed logins"));
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2030-03-04T02:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
