package org.plantracker.task.api;

/**
 * task-service learned (from progress-service) that the city committee accepted the lead unit's
 * summary report for a period: from now on the task may be closed.
 */
public record TaskSummaryAcceptanceRecordedEvent(String taskId, String planId, int number, String summaryId,
                                                 String period) {
}
