package org.plantracker.task.api;

/** An assigned unit acknowledged (签收) its assignment to a task. */
public record AssignmentAcknowledgedEvent(String taskId, String planId, int number, UnitRef unit) {
}
