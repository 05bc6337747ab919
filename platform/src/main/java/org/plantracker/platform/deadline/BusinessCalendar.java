package org.plantracker.platform.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates as the plan's users live them: "today" and "the end of a day" in the plan's time zone
 * (plan-tracker.time-zone, China Standard Time by default), read from the platform's one {@link Clock}.
 * A deadline set for a date passes when that whole day has passed there, not at midnight UTC.
 */
public class BusinessCalendar {

    private final Clock clock;
    private final ZoneId zone;

    public BusinessCalendar(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public Instant now() {
        return clock.instant();
    }

    /** The first instant at which {@code date} is over: the start of the next day in the plan's zone. */
    public Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public ZoneId zone() {
        return zone;
    }
}
