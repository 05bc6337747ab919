package org.plantracker.task.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Units new to a task must acknowledge (签收) their assignment by a date: follows the
 * {@link TaskAssignedEvent} that put them on the task. The city committee, which assigns, does not
 * acknowledge its own assignments. A unit that lets the date pass gets an {@link AcknowledgementOverdueEvent}.
 *
 * @param units   the units that must acknowledge, in the assignment's order
 * @param dueDate the last day to acknowledge on
 */
public record AcknowledgementRequestedEvent(String taskId, String planId, int number, String title,
                                            List<UnitRef> units, LocalDate dueDate) {
}
