package org.plantracker.progress.command;

import java.time.LocalDate;

/**
 * A share's report deadline: {@code DUE_SOON} some days before a period's report is due, {@code OVERDUE}
 * when its due date is over. A deadline of a schedule the share no longer has ({@code taskVersion}), or
 * for a report already submitted, does nothing when it fires; so does one that fires twice.
 */
public record ReportDeadline(Moment moment, String period, LocalDate dueDate, long taskVersion) {

    public enum Moment { DUE_SOON, OVERDUE }

    static final String NAME = "report-deadline";
}
