package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * The task's lead unit returned a progress report (退回) with a reason; the unit must resubmit it.
 * Until it does, the share's light is RED.
 */
public record ProgressReportReturnedEvent(String reportId, String shareId, String taskId, String planId,
                                          int taskNumber, String taskTitle, UnitRef unit, String period,
                                          int version, UnitRef reviewer, String reason) {
}
