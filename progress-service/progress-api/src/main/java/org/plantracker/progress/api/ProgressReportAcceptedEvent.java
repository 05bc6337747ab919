package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * The task's lead unit accepted a progress report (审核通过).
 *
 * @param version  the version of the report that was reviewed (a correction is a new version)
 * @param reviewer the unit that reviewed it (the task's lead unit)
 */
public record ProgressReportAcceptedEvent(String reportId, String shareId, String taskId, String planId,
                                          int taskNumber, String taskTitle, UnitRef unit, String period,
                                          int version, UnitRef reviewer, String comment) {
}
