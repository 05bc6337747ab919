package org.plantracker.gateway.identity;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh token store's expiry rules, on a clock the test moves. */
class RefreshTokensTest {

    static final Account ACCOUNT = new Account("wang.fang", "jixi-mishan", "密山市关工委", Set.of("COUNTY_COMMITTEE"));

    Instant now = Instant.parse("2026-12-01T08:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final RevokedAccessTokens revoked = new RevokedAccessTokens(clock);
    final RefreshTokens tokens = new RefreshTokens(Duration.ofHours(1), revoked, clock);

    @Test
    void aRefreshTokenIsRefusedOnceItsLifetimeHasPassedAndEachRotationStartsANewLifetime() {
        String first = tokens.start(ACCOUNT, access());
        now = now.plus(Duration.ofMinutes(50));
        String second = tokens.rotate(first, account -> access()).orElseThrow().refreshToken();

        now = now.plus(Duration.ofMinutes(50)); // 100 minutes after login, 50 after the rotation
        RefreshTokens.Rotated third = tokens.rotate(second, account -> access()).orElseThrow();
        assertThat(third.account()).isEqualTo(ACCOUNT);

        now = now.plus(Duration.ofHours(1));
        assertThat(tokens.rotate(third.refreshToken(), account -> access())).isEmpty();
    }

    @Test
    void theDenyListForgetsATokenOnlyAfterItHasExpired() {
        RefreshTokens.IssuedAccess access = access();
        String refresh = tokens.start(ACCOUNT, access);
        assertThat(tokens.revoke(refresh)).isTrue();
        assertThat(revoked.isRevoked(access.jti())).isTrue();

        now = now.plus(Duration.ofMinutes(16));
        revoked.revoke("another", now.plus(Duration.ofMinutes(5))); // a later write purges the expired entries
        assertThat(revoked.isRevoked(access.jti())).isFalse();
        assertThat(revoked.isRevoked("another")).isTrue();
    }

    @Test
    void onlyAHashIsKept() {
        String token = tokens.start(ACCOUNT, access());
        assertThat(RefreshTokens.hash(token)).hasSize(64).doesNotContain(token);
        assertThat(tokens.revoke("x" + token)).isFalse();
    }

    private RefreshTokens.IssuedAccess access() {
        return new RefreshTokens.IssuedAccess("token", UUID.randomUUID().toString(), now.plus(Duration.ofMinutes(15)));
    }
}
