package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/** The task's lead unit wrote the task's summary report (总结) for a period, for the city committee to review. */
public record TaskSummarySubmittedEvent(String summaryId, String taskId, String planId, int taskNumber,
                                        String taskTitle, String period, UnitRef leadUnit, String text) {
}
