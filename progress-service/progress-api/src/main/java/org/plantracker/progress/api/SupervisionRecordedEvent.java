package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * The city committee recorded supervision (督导) of a task: findings and a comment, about the task
 * as a whole or about one unit's share of it.
 *
 * @param unit the unit concerned; null when the record is about the whole task
 */
public record SupervisionRecordedEvent(String recordId, String taskId, String planId, int taskNumber,
                                       String taskTitle, UnitRef unit, UnitRef leadUnit, String findings,
                                       String comment) {
}
