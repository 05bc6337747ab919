package org.plantracker.task.api;

import java.time.LocalDate;

/** A near-term task passed its due date while still open. */
public record TaskOverdueEvent(String taskId, String planId, int number, String title, UnitRef leadUnit,
                               LocalDate dueDate) {
}
