package org.plantracker.progress.command;

import java.time.LocalDate;

/**
 * A share's report deadline: {@code DUE_SOON} some days before a period's report is due, {@code OVERDUE}
 * when its due date is over, and {@code REPEAT_URGE} every {@code repeat-urge-days} days after that while the
 * report is still missing ({@code round} 1, 2, … counts the repeats; 0 for the other moments). A deadline of a
 * schedule the share no longer has ({@code taskVersion}), or for a report already submitted, does nothing when
 * it fires; so does one that fires twice.
 */
public record ReportDeadline(Moment moment, String period, LocalDate dueDate, long taskVersion, int round) {

    public enum Moment { DUE_SOON, OVERDUE, REPEAT_URGE }

    static final String NAME = "report-deadline";

    /** A reminder or the due date itself (deadlines stored before repeats existed read as round 0 too). */
    public ReportDeadline(Moment moment, String period, LocalDate dueDate, long taskVersion) {
        this(moment, period, dueDate, taskVersion, 0);
    }
}
