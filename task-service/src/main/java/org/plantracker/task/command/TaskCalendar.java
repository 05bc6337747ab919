package org.plantracker.task.command;

import org.plantracker.platform.deadline.BusinessCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates of a task's life: today in the plan's time zone (by the platform's Clock), when a date is
 * over, and how many days a unit has to acknowledge an assignment
 * ({@code plan-tracker.tasks.acknowledgement-days}, 5 by default). Handed to the Task aggregate's
 * handlers, which decide with it.
 */
@Component
public class TaskCalendar {

    private final BusinessCalendar calendar;
    private final int acknowledgementDays;

    public TaskCalendar(BusinessCalendar calendar,
                        @Value("${plan-tracker.tasks.acknowledgement-days:5}") int acknowledgementDays) {
        if (acknowledgementDays < 0 || acknowledgementDays > 365) {
            throw new IllegalArgumentException("plan-tracker.tasks.acknowledgement-days must be 0 to 365, not "
                    + acknowledgementDays);
        }
        this.calendar = calendar;
        this.acknowledgementDays = acknowledgementDays;
    }

    public LocalDate today() {
        return calendar.today();
    }

    /** The instant a deadline on {@code date} passes: when that whole day is over in the plan's zone. */
    public Instant endOf(LocalDate date) {
        return calendar.endOf(date);
    }

    public int acknowledgementDays() {
        return acknowledgementDays;
    }
}
