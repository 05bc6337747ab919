package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * The city committee accepted the summary report (总结) the task's lead unit wrote for a period.
 * task-service consumes it: a task can be closed (办结) only once its lead unit's summary is accepted.
 *
 * @param summaryId  the accepted summary
 * @param period     the period the summary covers, e.g. 2022 or 2022-H1
 * @param leadUnit   the lead unit that wrote it
 */
public record TaskSummaryAcceptedEvent(String summaryId, String taskId, String planId, int taskNumber,
                                       String period, UnitRef leadUnit) {
}
