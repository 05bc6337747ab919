package org.plantracker.task.command;

import java.time.LocalDate;

/**
 * Due when a near-term task's due date is over. A deadline set for a date the task no longer has (it was
 * rescheduled or extended) does nothing when it fires, so a changed date never needs the old one cancelled.
 */
public record DueDateDeadline(LocalDate dueDate) {

    static final String NAME = "task-due";
}
