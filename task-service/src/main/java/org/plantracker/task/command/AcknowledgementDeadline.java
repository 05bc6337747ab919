package org.plantracker.task.command;

import java.time.LocalDate;

/** Due when the last day to acknowledge is over: every unit still pending by then is overdue. */
public record AcknowledgementDeadline(LocalDate dueDate) {

    static final String NAME = "acknowledgement-due";
}
