package org.plantracker.progress.command;

import org.plantracker.platform.deadline.BusinessCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates of reporting: today in the plan's time zone (by the platform's Clock), when a day is over,
 * how many days after a period its report is due ({@code plan-tracker.progress.report-grace-days}, 5 by
 * default) and how many days before a due date a unit is reminded and its light turns yellow
 * ({@code plan-tracker.progress.due-soon-days}, 3 by default).
 */
@Component
public class ReportCalendar {

    private final BusinessCalendar calendar;
    private final int graceDays;
    private final int dueSoonDays;

    public ReportCalendar(BusinessCalendar calendar,
                          @Value("${plan-tracker.progress.report-grace-days:5}") int graceDays,
                          @Value("${plan-tracker.progress.due-soon-days:3}") int dueSoonDays) {
        if (graceDays < 0 || graceDays > 60 || dueSoonDays < 0 || dueSoonDays > 60) {
            throw new IllegalArgumentException("plan-tracker.progress.report-grace-days and due-soon-days must be 0 to 60");
        }
        this.calendar = calendar;
        this.graceDays = graceDays;
        this.dueSoonDays = dueSoonDays;
    }

    public LocalDate today() {
        return calendar.today();
    }

    /** The date an instant falls on in the plan's time zone. */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, calendar.zone());
    }

    public Instant endOf(LocalDate date) {
        return calendar.endOf(date);
    }

    public int graceDays() {
        return graceDays;
    }

    public int dueSoonDays() {
        return dueSoonDays;
    }
}
