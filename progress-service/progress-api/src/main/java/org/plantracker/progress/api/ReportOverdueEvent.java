package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

import java.time.LocalDate;

/** A unit's report for a period is late: its due date passed without an accepted or submitted report. */
public record ReportOverdueEvent(String shareId, String taskId, String planId, int taskNumber, String taskTitle,
                                 UnitRef unit, UnitRef leadUnit, String period, LocalDate dueDate) {
}
