package org.plantracker.progress.supervision;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.UnitRef;

/**
 * Records supervision (督导) of a task, or of one unit's share of it.
 *
 * @param unit            the unit concerned; null for the task as a whole
 * @param byCityCommittee whether the caller acts for the city committee (the supervisor role of its token)
 */
public record RecordSupervisionCommand(@TargetAggregateIdentifier String recordId, String taskId, String planId,
                                       int taskNumber, String taskTitle, UnitRef unit, UnitRef leadUnit,
                                       String findings, String comment, boolean byCityCommittee) {
}
