package org.plantracker.platform.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The one clock every rule that depends on today's date reads (deadlines, lights, urges): the
 * system's, in UTC. A test in the same JVM replaces it with a controllable clock by declaring a
 * {@link Clock} bean.
 *
 * <p>A test that drives the system as separate processes (the dev stack) cannot declare a bean: it starts
 * a service with {@value #OFFSET} (an ISO-8601 duration, e.g. {@code P130D}) and that service's clock runs
 * that far ahead of the system's, so deadlines months away fire now (db-scheduler reads this clock too).
 * Test-only: the offset is refused at start-up unless the {@code dev} profile is active, so no production
 * process can be configured to live in another month. There is deliberately no endpoint that moves time.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

    /** The property that shifts the clock (test stacks only). */
    public static final String OFFSET = "plan-tracker.clock.offset";

    @Bean
    @ConditionalOnMissingBean
    public Clock clock(Environment environment) {
        return clockFor(environment.getProperty(OFFSET), List.of(environment.getActiveProfiles()));
    }

    static Clock clockFor(String offset, List<String> activeProfiles) {
        if (offset == null || offset.isBlank()) {
            return Clock.systemUTC();
        }
        if (!activeProfiles.contains(DevProfileGuard.DEV)) {
            throw new IllegalStateException(OFFSET + " moves this service's clock and is for test stacks only: "
                    + "it is refused unless the dev profile is active. Remove it.");
        }
        Duration duration;
        try {
            duration = Duration.parse(offset.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(OFFSET + " must be an ISO-8601 duration such as P130D or PT36H, not " + offset, e);
        }
        return Clock.offset(Clock.systemUTC(), duration);
    }
}
