package org.plantracker.progress.command;

import org.plantracker.platform.deadline.BusinessCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates of reporting: today in the plan's time zone (by the platform's Clock), when a day is over,
 * how many days after a period its report is due ({@code plan-tracker.progress.report-grace-days}, 5 by
 * default) and how many days before a due date a unit is reminded and its light turns yellow
 * ({@code plan-tracker.progress.due-soon-days}, 3 by default); and every how many days a unit still late is
 * urged again ({@code plan-tracker.progress.repeat-urge-days}, 7 by default; 0 urges only once).
 */
@Component
public class ReportCalendar {

    private final BusinessCalendar calendar;
    private final int graceDays;
    private final int dueSoonDays;
    private final int repeatUrgeDays;

    @Autowired
    public ReportCalendar(BusinessCalendar calendar,
                          @Value("${plan-tracker.progress.report-grace-days:5}") int graceDays,
                          @Value("${plan-tracker.progress.due-soon-days:3}") int dueSoonDays,
                          @Value("${plan-tracker.progress.repeat-urge-days:7}") int repeatUrgeDays) {
        if (graceDays < 0 || graceDays > 60 || dueSoonDays < 0 || dueSoonDays > 60) {
            throw new IllegalArgumentException("plan-tracker.progress.report-grace-days and due-soon-days must be 0 to 60");
        }
        if (repeatUrgeDays < 0 || repeatUrgeDays > 366) {
            throw new IllegalArgumentException("plan-tracker.progress.repeat-urge-days must be 0 (urge once) to 366");
        }
        this.calendar = calendar;
        this.graceDays = graceDays;
        this.dueSoonDays = dueSoonDays;
        this.repeatUrgeDays = repeatUrgeDays;
    }

    /** Without repeated urges: a late unit is urged once. */
    public ReportCalendar(BusinessCalendar calendar, int graceDays, int dueSoonDays) {
        this(calendar, graceDays, dueSoonDays, 0);
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

    /** Days between automatic urges of a unit still late; 0 when it is urged only once. */
    public int repeatUrgeDays() {
        return repeatUrgeDays;
    }
}
