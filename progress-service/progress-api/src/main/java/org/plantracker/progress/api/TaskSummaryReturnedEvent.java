package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/** The city committee returned the lead unit's summary report with a reason; it must be written again. */
public record TaskSummaryReturnedEvent(String summaryId, String taskId, String planId, int taskNumber,
                                       String period, UnitRef leadUnit, String reason) {
}
