package org.plantracker.task.api;

/** An assigned unit asked, instead of acknowledging, for its assignment to be adjusted; the city committee decides. */
public record AdjustmentRequestedEvent(String taskId, String planId, int number, String requestId, UnitRef unit,
                                       String reason) {
}
