package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

import java.time.LocalDate;

/** A unit's report for a period falls due soon and has not been submitted (a reminder, days before). */
public record ReportDueSoonEvent(String shareId, String taskId, String planId, int taskNumber, String taskTitle,
                                 UnitRef unit, String period, LocalDate dueDate) {
}
