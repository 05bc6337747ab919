package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * A unit has a share in a task (it leads it, is responsible for part of it, or both), as
 * progress-service learned from task-service's assignment. One share per task and unit.
 *
 * @param shareId     {@code taskId + ":" + unit code}
 * @param taskVersion the task aggregate's sequence number of the assignment, to ignore stale ones
 */
public record TaskShareAssignedEvent(String shareId, String taskId, String planId, int taskNumber,
                                     int sectionOrdinal, String sectionTitle, String taskTitle, UnitRef unit,
                                     UnitRef leadUnit, boolean lead, boolean responsible, long taskVersion) {
}
