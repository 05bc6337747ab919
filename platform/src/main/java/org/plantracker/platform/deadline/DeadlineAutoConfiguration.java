package org.plantracker.platform.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Deadlines that survive restarts, for every service that needs them: Axon's DbSchedulerDeadlineManager
 * on db-scheduler, its pending executions in the service's own PostgreSQL (table {@code scheduled_tasks},
 * created by the platform migration V0_3). A service opts in by depending on
 * {@code db-scheduler-spring-boot-starter}; Axon's AxonDbSchedulerAutoConfiguration then builds the
 * deadline manager, and the starter starts the scheduler once the context is ready
 * ({@code db-scheduler.delay-startup-until-context-ready}, a platform default) so no deadline is handled
 * before the aggregates' repositories are up.
 *
 * <p>What the platform adds: db-scheduler decides what is due by the platform's {@link Clock}, the one
 * every date rule reads, so a test that moves its clock forward sees its deadlines fire without waiting
 * days; and a {@link BusinessCalendar} that turns dates into the instants deadlines are set for.
 * Handlers of deadlines must be idempotent: db-scheduler runs an execution at least once (a crash after the
 * handler committed and before the execution was removed runs it again).
 */
@AutoConfiguration(beforeName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")
public class DeadlineAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public BusinessCalendar businessCalendar(Clock clock,
                                             @Value("${plan-tracker.time-zone:Asia/Shanghai}") ZoneId zone) {
        return new BusinessCalendar(clock, zone);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Scheduler.class)
    static class SchedulerClockConfiguration {

        /** Replaces the starter's system clock (its bean backs off when this one exists). */
        @Bean
        @ConditionalOnMissingBean(com.github.kagkarlsson.scheduler.Clock.class)
        public com.github.kagkarlsson.scheduler.Clock deadlineSchedulerClock(Clock clock) {
            return clock::instant;
        }
    }
}
