package org.plantracker.platform.deadline;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineAutoConfigurationTest {

    /** 00:30 on 2 March in Jixi, still 1 March in UTC. */
    private static final Instant EARLY_MORNING_IN_JIXI = Instant.parse("2026-03-01T16:30:00Z");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeadlineAutoConfiguration.class));

    @Test
    void todayAndTheEndOfADayAreTheJixiCalendarsByDefault() {
        runner.withBean(Clock.class, () -> Clock.fixed(EARLY_MORNING_IN_JIXI, ZoneOffset.UTC)).run(context -> {
            BusinessCalendar calendar = context.getBean(BusinessCalendar.class);
            assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(calendar.endOf(LocalDate.of(2026, 3, 2))).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        });
    }

    @Test
    void theZoneIsConfigurable() {
        runner.withBean(Clock.class, () -> Clock.fixed(EARLY_MORNING_IN_JIXI, ZoneOffset.UTC))
                .withPropertyValues("plan-tracker.time-zone=UTC")
                .run(context -> {
                    BusinessCalendar calendar = context.getBean(BusinessCalendar.class);
                    assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 3, 1));
                    assertThat(calendar.endOf(LocalDate.of(2026, 3, 1))).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
                });
    }

    @Test
    void theSchedulerDecidesWhatIsDueByThePlatformClock() {
        AtomicReference<Instant> now = new AtomicReference<>(EARLY_MORNING_IN_JIXI);
        Clock movable = new Clock() {
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
                return now.get();
            }
        };
        runner.withBean(Clock.class, () -> movable).run(context -> {
            com.github.kagkarlsson.scheduler.Clock schedulerClock =
                    context.getBean(com.github.kagkarlsson.scheduler.Clock.class);
            assertThat(schedulerClock.now()).isEqualTo(EARLY_MORNING_IN_JIXI);
            now.set(EARLY_MORNING_IN_JIXI.plus(Duration.ofDays(3)));
            assertThat(schedulerClock.now()).isEqualTo(EARLY_MORNING_IN_JIXI.plus(Duration.ofDays(3)));
        });
    }
}
