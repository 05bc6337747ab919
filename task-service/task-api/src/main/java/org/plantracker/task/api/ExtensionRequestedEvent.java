package org.plantracker.task.api;

import java.time.LocalDate;

/** A unit asked for more time on a task (延期申请), with a reason and the date it asks for. */
public record ExtensionRequestedEvent(String taskId, String planId, int number, String requestId, UnitRef unit,
                                      LocalDate requestedDueDate, String reason) {
}
