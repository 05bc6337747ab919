package org.plantracker.progress.api;

import org.plantracker.task.api.UnitRef;

/**
 * An urge (催办) to a unit about its share of a task: automatic when a report is late (or days
 * before it is due), or manual by the city committee or the task's lead unit.
 *
 * @param period    the period the urge is about; null for an urge about the task as a whole
 * @param automatic true when the system issued it on a deadline
 * @param issuedBy  the urging unit; null when automatic
 */
public record UrgeIssuedEvent(String urgeId, String shareId, String taskId, String planId, int taskNumber,
                              String taskTitle, UnitRef unit, String period, String message, boolean automatic,
                              UnitRef issuedBy) {
}
