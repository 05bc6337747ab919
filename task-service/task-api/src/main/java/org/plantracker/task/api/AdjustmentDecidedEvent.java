package org.plantracker.task.api;

/**
 * The city committee decided a unit's request to adjust its assignment. An approval is followed by
 * the reassignment itself ({@link TaskAssignedEvent}) when the committee changes the units.
 */
public record AdjustmentDecidedEvent(String taskId, String planId, int number, String requestId, UnitRef unit,
                                     boolean approved, String comment) {
}
