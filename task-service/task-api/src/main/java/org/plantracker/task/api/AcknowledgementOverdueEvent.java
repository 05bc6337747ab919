package org.plantracker.task.api;

import java.time.LocalDate;

/** An assigned unit did not acknowledge its assignment within the configured number of days. */
public record AcknowledgementOverdueEvent(String taskId, String planId, int number, String title, UnitRef unit,
                                          LocalDate dueDate) {
}
