package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.task.api.UnitRef;

/**
 * Gives a unit its share of a task, or updates the share, as task-service's assignment of the task
 * at {@code taskVersion} says.
 *
 * @param taskVersion the task aggregate's sequence number of that assignment; a share ignores
 *                    assignments that are not newer than the one it already has
 */
public record AssignTaskShareCommand(@TargetAggregateIdentifier String shareId, String taskId, String planId,
                                     int taskNumber, int sectionOrdinal, String sectionTitle, String taskTitle,
                                     UnitRef unit, UnitRef leadUnit, boolean lead, boolean responsible,
                                     long taskVersion) {
}
