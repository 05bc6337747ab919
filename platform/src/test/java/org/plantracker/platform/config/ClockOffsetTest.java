package org.plantracker.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** plan-tracker.clock.offset moves a test stack's clock, and only a test stack's. */
class ClockOffsetTest {

    @Test
    void withoutAnOffsetTheClockIsTheSystems() {
        Clock clock = ClockAutoConfiguration.clockFor(null, List.of());
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(ClockAutoConfiguration.clockFor(" ", List.of("dev")).getZone()).isEqualTo(Clock.systemUTC().getZone());
    }

    @Test
    void underTheDevProfileTheClockRunsTheOffsetAhead() {
        Clock clock = ClockAutoConfiguration.clockFor("P130D", List.of("dev"));
        Duration ahead = Duration.between(Instant.now(), clock.instant());
        assertThat(ahead).isBetween(Duration.ofDays(130).minusSeconds(5), Duration.ofDays(130).plusSeconds(5));
    }

    @Test
    void anOffsetOutsideTheDevProfileOrNotADurationRefusesToStart() {
        assertThatThrownBy(() -> ClockAutoConfiguration.clockFor("P130D", List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plan-tracker.clock.offset")
                .hasMessageContaining("dev profile");
        assertThatThrownBy(() -> ClockAutoConfiguration.clockFor("130 days", List.of("dev")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ISO-8601");
    }
}
